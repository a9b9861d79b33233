package io.github.camelseedance.seedance.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The budget ledger of one JVM, in memory: what the memory task store keeps. Entries and accounts of periods before
 * the previous one are dropped when an account enters a new period.
 */
public final class MemoryBudgetLedger implements BudgetLedger {

    private final Map<String, Entry> entries = new HashMap<>();
    private final Map<String, Account> accounts = new HashMap<>();
    private final Map<String, String> latestPeriod = new HashMap<>();

    @Override
    public synchronized Reservation reserve(String account, String period, String taskUUID, BigDecimal price,
                                            int results, BigDecimal limit, BigDecimal warnAt) {
        enterPeriod(account, period);
        Account usage = accounts.computeIfAbsent(key(account, period), k -> new Account());
        if (entries.containsKey(taskUUID)) {
            return new Reservation(Reservation.Verdict.ALREADY_RESERVED, false, usage.view(account, period));
        }
        BigDecimal committed = usage.spent.add(usage.reserved).add(price);
        if (committed.compareTo(limit) > 0) {
            return new Reservation(Reservation.Verdict.REFUSED, false, usage.view(account, period));
        }
        entries.put(taskUUID, new Entry(account, period, price, Math.max(1, results)));
        usage.reserved = usage.reserved.add(price);
        usage.tasks++;
        boolean warn = !usage.warned && committed.compareTo(warnAt) >= 0;
        usage.warned |= warn;
        return new Reservation(Reservation.Verdict.RESERVED, warn, usage.view(account, period));
    }

    @Override
    public synchronized BigDecimal charge(String taskUUID, String resultKey, BigDecimal cost) {
        Entry entry = entries.get(taskUUID);
        if (entry == null || entry.closed || !entry.charged.add(resultKey)) {
            return BigDecimal.ZERO;
        }
        BigDecimal share = entry.share().min(entry.reservedLeft);
        BigDecimal amount = cost != null ? cost : share;
        entry.reservedLeft = entry.reservedLeft.subtract(share);
        Account usage = accounts.get(key(entry.account, entry.period));
        if (usage != null) {
            usage.reserved = usage.reserved.subtract(share);
            usage.spent = usage.spent.add(amount);
        }
        return amount;
    }

    @Override
    public synchronized BigDecimal close(String taskUUID, boolean billRemainder) {
        Entry entry = entries.get(taskUUID);
        if (entry == null || entry.closed) {
            return BigDecimal.ZERO;
        }
        entry.closed = true;
        BigDecimal left = entry.reservedLeft;
        entry.reservedLeft = BigDecimal.ZERO;
        Account usage = accounts.get(key(entry.account, entry.period));
        if (usage != null) {
            usage.reserved = usage.reserved.subtract(left);
            if (billRemainder) {
                usage.spent = usage.spent.add(left);
            }
        }
        return billRemainder ? left : BigDecimal.ZERO;
    }

    @Override
    public synchronized BudgetUsage usage(String account, String period) {
        Account usage = accounts.get(key(account, period));
        return usage == null ? BudgetUsage.empty(account, period) : usage.view(account, period);
    }

    /** Keeps the new and the previous period of an account; older entries can no longer matter. */
    private void enterPeriod(String account, String period) {
        String previous = latestPeriod.put(account, period);
        if (previous == null || previous.equals(period)) {
            return;
        }
        Set<String> keep = new HashSet<>(Set.of(period, previous));
        entries.values().removeIf(e -> e.account.equals(account) && !keep.contains(e.period));
        accounts.keySet().removeIf(k -> k.startsWith(account + '\n') && !keep.contains(k.substring(account.length() + 1)));
    }

    private static String key(String account, String period) {
        return account + '\n' + period;
    }

    private static final class Entry {
        final String account;
        final String period;
        final BigDecimal price;
        final int results;
        final Set<String> charged = new HashSet<>();
        BigDecimal reservedLeft;
        boolean closed;

        Entry(String account, String period, BigDecimal price, int results) {
            this.account = account;
            this.period = period;
            this.price = price;
            this.results = results;
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
