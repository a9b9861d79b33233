package io.github.camelseedance.seedance.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The budget ledger in memory: what the memory task store keeps, and what the file task store keeps and writes down
 * as a log of changes ({@link #replay}, {@link #snapshot}). Entries and accounts of periods before the previous one
 * are dropped when an account enters a new period.
 */
public class MemoryBudgetLedger implements BudgetLedger {

    private final Map<String, Entry> entries = new HashMap<>();
    private final Map<String, Account> accounts = new HashMap<>();
    private final Map<String, String> latestPeriod = new HashMap<>();
    private final Object lock;
    private final Consumer<Map<String, Object>> changes;

    /** A ledger that keeps nothing but memory. */
    public MemoryBudgetLedger() {
        this(null, change -> {
        });
    }

    /**
     * @param lock    the lock every operation holds (the task store's, so that its writes and the ledger's are one
     *                order), {@code null} for the ledger's own
     * @param changes told of every change, holding the lock, as a map {@link #replay} applies again (to write it down)
     */
    public MemoryBudgetLedger(Object lock, Consumer<Map<String, Object>> changes) {
        this.lock = lock != null ? lock : this;
        this.changes = changes;
    }

    @Override
    public Reservation reserve(String account, String period, String taskUUID, BigDecimal price,
                               int results, BigDecimal limit, BigDecimal warnAt) {
        synchronized (lock) {
            enterPeriod(account, period);
            Account usage = accounts.computeIfAbsent(key(account, period), k -> new Account());
            if (entries.containsKey(taskUUID)) {
                return new Reservation(Reservation.Verdict.ALREADY_RESERVED, false, usage.view(account, period));
            }
            BigDecimal committed = usage.spent.add(usage.reserved).add(price);
            if (committed.compareTo(limit) > 0) {
                return new Reservation(Reservation.Verdict.REFUSED, false, usage.view(account, period));
            }
            boolean warn = !usage.warned && committed.compareTo(warnAt) >= 0;
            Map<String, Object> change = reserveChange(taskUUID, account, period, price, results, warn);
            apply(change);
            changes.accept(change);
            return new Reservation(Reservation.Verdict.RESERVED, warn, usage.view(account, period));
        }
    }

    @Override
    public BigDecimal charge(String taskUUID, String resultKey, BigDecimal cost) {
        synchronized (lock) {
            Entry entry = entries.get(taskUUID);
            if (entry == null || entry.closed || entry.charged.containsKey(resultKey)) {
                return BigDecimal.ZERO;
            }
            BigDecimal amount = cost != null ? cost : entry.share().min(entry.reservedLeft);
            Map<String, Object> change = chargeChange(taskUUID, resultKey, amount);
            apply(change);
            changes.accept(change);
            return amount;
        }
    }

    @Override
    public BigDecimal close(String taskUUID, boolean billRemainder) {
        synchronized (lock) {
            Entry entry = entries.get(taskUUID);
            if (entry == null || entry.closed) {
                return BigDecimal.ZERO;
            }
            BigDecimal left = entry.reservedLeft;
            Map<String, Object> change = closeChange(taskUUID, billRemainder);
            apply(change);
            changes.accept(change);
            return billRemainder ? left : BigDecimal.ZERO;
        }
    }

    @Override
    public void drop(String taskUUID) {
        synchronized (lock) {
            if (entries.containsKey(taskUUID)) {
                Map<String, Object> change = dropChange(taskUUID);
                apply(change);
                changes.accept(change);
            }
        }
    }

    @Override
    public BudgetUsage usage(String account, String period) {
        synchronized (lock) {
            Account usage = accounts.get(key(account, period));
            return usage == null ? BudgetUsage.empty(account, period) : usage.view(account, period);
        }
    }

    /** @return the number of tasks the ledger holds entries of */
    public int size() {
        synchronized (lock) {
            return entries.size();
        }
    }

    /**
     * Applies a change again, as {@link #reserve}, {@link #charge}, {@link #close} or {@link #drop} told it (reading a
     * log): no limit
     * is checked, and the change is not told again.
     */
    public void replay(Map<String, Object> change) {
        synchronized (lock) {
            Object op = change.get("op");
            if ("reserve".equals(op)) {
                enterPeriod((String) change.get("account"), (String) change.get("period"));
            }
            apply(change);
        }
    }

    /** @return the changes that rebuild the ledger as it is now, one reserve (with its charges and close) per task */
    public List<Map<String, Object>> snapshot() {
        synchronized (lock) {
            List<Map<String, Object>> snapshot = new ArrayList<>();
            entries.forEach((taskUUID, entry) -> {
                snapshot.add(reserveChange(taskUUID, entry.account, entry.period, entry.price, entry.results,
                        entry.warned));
                entry.charged.forEach((result, amount) -> snapshot.add(chargeChange(taskUUID, result, amount)));
                if (entry.closed) {
                    snapshot.add(closeChange(taskUUID, entry.billed));
                }
            });
            return snapshot;
        }
    }

    private void apply(Map<String, Object> change) {
        String taskUUID = (String) change.get("task");
        switch ((String) change.get("op")) {
            case "reserve" -> {
                String account = (String) change.get("account");
                String period = (String) change.get("period");
                Entry entry = new Entry(account, period, new BigDecimal((String) change.get("price")),
                        ((Number) change.get("results")).intValue(), Boolean.TRUE.equals(change.get("warned")));
                entries.put(taskUUID, entry);
                Account usage = accounts.computeIfAbsent(key(account, period), k -> new Account());
                usage.reserved = usage.reserved.add(entry.price);
                usage.tasks++;
                usage.warned |= entry.warned;
            }
            case "charge" -> {
                Entry entry = entries.get(taskUUID);
                if (entry == null) {
                    return;
                }
                BigDecimal amount = new BigDecimal((String) change.get("amount"));
                BigDecimal share = entry.share().min(entry.reservedLeft);
                entry.charged.put((String) change.get("result"), amount);
                entry.reservedLeft = entry.reservedLeft.subtract(share);
                Account usage = accounts.get(key(entry.account, entry.period));
                if (usage != null) {
                    usage.reserved = usage.reserved.subtract(share);
                    usage.spent = usage.spent.add(amount);
                }
            }
            case "close" -> {
                Entry entry = entries.get(taskUUID);
                if (entry != null && !entry.closed) {
                    close(entry, Boolean.TRUE.equals(change.get("bill")));
                }
            }
            case "drop" -> {
                Entry entry = entries.get(taskUUID);
                if (entry == null) {
                    return;
                }
                if (!entry.charged.isEmpty()) {
                    if (!entry.closed) {
                        close(entry, false);
                    }
                    return;
                }
                entries.remove(taskUUID);
                Account usage = accounts.get(key(entry.account, entry.period));
                if (usage != null) {
                    usage.reserved = usage.reserved.subtract(entry.reservedLeft);
                    usage.tasks--;
                }
            }
            default -> throw new IllegalArgumentException("Unknown budget ledger change " + change);
        }
    }

    private void close(Entry entry, boolean bill) {
        BigDecimal left = entry.reservedLeft;
        entry.closed = true;
        entry.billed = bill;
        entry.reservedLeft = BigDecimal.ZERO;
        Account usage = accounts.get(key(entry.account, entry.period));
        if (usage != null) {
            usage.reserved = usage.reserved.subtract(left);
            if (bill) {
                usage.spent = usage.spent.add(left);
            }
        }
    }

    private static Map<String, Object> reserveChange(String taskUUID, String account, String period, BigDecimal price,
                                                     int results, boolean warned) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("op", "reserve");
        change.put("task", taskUUID);
        change.put("account", account);
        change.put("period", period);
        change.put("price", price.toPlainString());
        change.put("results", Math.max(1, results));
        change.put("warned", warned);
        return change;
    }

    private static Map<String, Object> chargeChange(String taskUUID, String result, BigDecimal amount) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("op", "charge");
        change.put("task", taskUUID);
        change.put("result", result);
        change.put("amount", amount.toPlainString());
        return change;
    }

    private static Map<String, Object> dropChange(String taskUUID) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("op", "drop");
        change.put("task", taskUUID);
        return change;
    }

    private static Map<String, Object> closeChange(String taskUUID, boolean bill) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("op", "close");
        change.put("task", taskUUID);
        change.put("bill", bill);
        return change;
    }

    /** Keeps the new and the previous period of an account; older entries can no longer matter. */
    private void enterPeriod(String account, String period) {
        String previous = latestPeriod.put(account, period);
        if (previous == null || previous.equals(period)) {
            return;
        }
        Set<String> keep = new HashSet<>(Set.of(period, previous));
        entries.values().removeIf(e -> e.account.equals(account) && !keep.contains(e.period));
        accounts.keySet()
                .removeIf(k -> k.startsWith(account + '\n') && !keep.contains(k.substring(account.length() + 1)));
    }

    private static String key(String account, String period) {
        return account + '\n' + period;
    }

    private static final class Entry {
        final String account;
        final String period;
        final BigDecimal price;
        final int results;
        final boolean warned;
        final Map<String, BigDecimal> charged = new LinkedHashMap<>();
        BigDecimal reservedLeft;
        boolean closed;
        boolean billed;

        Entry(String account, String period, BigDecimal price, int results, boolean warned) {
            this.account = account;
            this.period = period;
            this.price = price;
            this.results = results;
            this.warned = warned;
            this.reservedLeft = price;
        }

        BigDecimal share() {
            return price.divide(BigDecimal.valueOf(results), 6, RoundingMode.HALF_UP);
        }
    }

    private static final class Account {
        BigDecimal spent = BigDecimal.ZERO;
        BigDecimal reserved = BigDecimal.ZERO;
        long tasks;
        boolean warned;

        BudgetUsage view(String account, String period) {
            return new BudgetUsage(account, period, spent, reserved, tasks);
        }
    }
}
