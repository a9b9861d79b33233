package io.github.camelseedance.seedance.cost;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.BiConsumer;

/**
 * The budget accounts a component's endpoints use, with the ledger that holds their spend: what the dev console, the
 * readiness check and the metrics show. An account is known from the start of an endpoint that sets its budget, and
 * from the first task of each model of a budget per model.
 */
public final class BudgetBook {

    private final BudgetLedger ledger;
    private final Clock clock;
    private final Map<String, Budget> accounts = new ConcurrentSkipListMap<>();
    private volatile BiConsumer<String, BudgetBook> onNewAccount = (account, book) -> {
    };

    public BudgetBook(BudgetLedger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    /** @return the ledger */
    public BudgetLedger ledger() {
        return ledger;
    }

    /** @return the clock that dates the periods */
    public Clock clock() {
        return clock;
    }

    /** Tells a listener (the metrics) of every account, those known already and those to come. */
    public void onNewAccount(BiConsumer<String, BudgetBook> listener) {
        onNewAccount = listener;
        accounts.keySet().forEach(account -> listener.accept(account, this));
    }

    /** Makes an account known (the budget of its first use wins). */
    public void register(String account, Budget budget) {
        if (accounts.putIfAbsent(account, budget) == null) {
            onNewAccount.accept(account, this);
        }
    }

    /** @return every known account in its current period */
    public List<BudgetState> states() {
        List<BudgetState> states = new ArrayList<>();
        accounts.keySet().forEach(account -> states.add(state(account)));
        return states;
    }

    /** @return an account in its current period, {@code null} when it is not known */
    public BudgetState state(String account) {
        Budget budget = accounts.get(account);
        if (budget == null) {
            return null;
        }
        Instant now = clock.instant();
        return new BudgetState(account, budget, ledger.usage(account, budget.periodKey(now)), budget.resetsAt(now));
    }
}
