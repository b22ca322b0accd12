package io.comeback.messaging.concurrency;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the cluster's limit is divided among the replicas holding a lease, by what each can use (its demand): max-min
 * fair (water-filling) — every holder gets up to an equal part, and what the smaller demands leave is shared by the
 * larger ones — then whatever no demand takes is split equally, so that an idle replica starts its next burst at
 * once. Every holder wants at least one, so that it can always send. Deterministic (holders in name order) so that
 * every replica computes the same division from the same rows.
 */
final class LeaseShares {

    private LeaseShares() {}

    /** @return each holder's target, summing to at most {@code limit} */
    static Map<String, Integer> divide(int limit, Map<String, Integer> demands) {
        Map<String, Integer> target = new TreeMap<>();
        Map<String, Integer> want = new TreeMap<>();
        demands.forEach((holder, demand) -> {
            target.put(holder, 0);
            want.put(holder, Math.max(1, Math.min(limit, demand)));
        });
        int left = limit;
        List<String> open = new ArrayList<>(want.keySet());
        while (left > 0 && !open.isEmpty()) {
            int each = Math.max(1, left / open.size());
            for (String holder : open) {
                int give = Math.min(Math.min(each, want.get(holder) - target.get(holder)), left);
                target.merge(holder, give, Integer::sum);
                left -= give;
                if (left == 0) {
                    break;
                }
            }
            open.removeIf(holder -> target.get(holder) >= want.get(holder));
        }
        List<String> all = new ArrayList<>(target.keySet());
        for (int i = 0; i < all.size(); i++) {
            target.merge(all.get(i), left / all.size() + (i < left % all.size() ? 1 : 0), Integer::sum);
        }
        return target;
    }
}
