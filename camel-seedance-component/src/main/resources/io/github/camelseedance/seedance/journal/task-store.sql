-- The table of the seedance JDBC task store (PostgreSQL; H2 for development), one row per task in flight.
-- The component runs this script at start unless taskStoreCreateSchema=false; to create the schema yourself, run it
-- as it is (with your table name in place of seedance_task when you set taskStoreTable).
CREATE TABLE IF NOT EXISTS seedance_task (
    task_uuid        VARCHAR(36)  NOT NULL PRIMARY KEY,
    idempotency_key  VARCHAR,
    expected_results INTEGER      NOT NULL,
    output_format    VARCHAR(16),
    file_name        VARCHAR,
    model            VARCHAR(128),
    recorded_at      BIGINT       NOT NULL,
    acknowledged     BOOLEAN      NOT NULL,
    lease_owner      VARCHAR(255),
    lease_until      BIGINT       NOT NULL,
    waiter           VARCHAR(255),
    delivered        VARCHAR,
    received         VARCHAR,
    finished_at      BIGINT,
    row_version      BIGINT       NOT NULL
);
CREATE INDEX IF NOT EXISTS seedance_task_owner ON seedance_task (lease_owner);
CREATE INDEX IF NOT EXISTS seedance_task_lease ON seedance_task (lease_until);
CREATE INDEX IF NOT EXISTS seedance_task_finished ON seedance_task (finished_at);
-- The budget ledger kept with the tasks: one row per budget account and period (its spend and reservations, so that
-- reading them costs one row), one per task that reserved, one per result charged (each charged once).
CREATE TABLE IF NOT EXISTS seedance_task_budget (
    account   VARCHAR(255)   NOT NULL,
    period    VARCHAR(16)    NOT NULL,
    spent     DECIMAL(18, 6) NOT NULL,
    reserved  DECIMAL(18, 6) NOT NULL,
    tasks     BIGINT         NOT NULL,
    warned    BOOLEAN        NOT NULL,
    PRIMARY KEY (account, period)
);
CREATE TABLE IF NOT EXISTS seedance_task_budget_entry (
    task_uuid     VARCHAR(36)    NOT NULL PRIMARY KEY,
    account       VARCHAR(255)   NOT NULL,
    period        VARCHAR(16)    NOT NULL,
    price         DECIMAL(18, 6) NOT NULL,
    results       INTEGER        NOT NULL,
    reserved_left DECIMAL(18, 6) NOT NULL,
    closed        BOOLEAN        NOT NULL
);
CREATE INDEX IF NOT EXISTS seedance_task_budget_entry_period ON seedance_task_budget_entry (account, period);
CREATE TABLE IF NOT EXISTS seedance_task_budget_charge (
    task_uuid  VARCHAR(36)    NOT NULL,
    result_key VARCHAR(255)   NOT NULL,
    amount     DECIMAL(18, 6) NOT NULL,
    PRIMARY KEY (task_uuid, result_key)
);
