package io.comeback.audience.imports;

import java.util.Arrays;

/**
 * The keys one import batch claims, as 64-bit hashes in a growable array: a few bytes per key instead of the
 * strings, so the batches in flight cost little memory. Two batches "share a key" when their sorted hash
 * arrays intersect; a collision only makes a batch wait for another needlessly.
 */
final class KeyHashes {

    private long[] hashes = new long[1024];
    private int size;

    static long of(String kind, String key) {
        // FNV-1a over the kind, a separator no key contains after validation, and the key.
        long h = 0xcbf29ce484222325L;
        h = mix(h, kind);
        h = (h ^ 0x1F) * 0x100000001b3L;
        return mix(h, key);
    }

    private static long mix(long h, String s) {
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x100000001b3L;
        }
        return h;
    }

    void add(long hash) {
        if (size == hashes.length) {
            hashes = Arrays.copyOf(hashes, size * 2);
        }
        hashes[size++] = hash;
    }

    long[] sorted() {
        long[] sorted = Arrays.copyOf(hashes, size);
        Arrays.sort(sorted);
        return sorted;
    }

    /** True when the two sorted arrays have a value in common (a merge walk, linear in both). */
    static boolean intersect(long[] a, long[] b) {
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                return true;
            }
            if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return false;
    }
}
