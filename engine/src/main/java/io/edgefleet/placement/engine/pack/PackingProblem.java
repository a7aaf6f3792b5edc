package io.edgefleet.placement.engine.pack;

/**
 * A vector bin packing instance: identical bins (hosts of one model) and items (microVMs),
 * each a vector of sizes over the same dimensions (vCPU, memory, disk, ...).
 *
 * @param capacity capacity per dimension of every bin, each > 0
 * @param items    items[i][j] = size of item i in dimension j, 0 <= size <= capacity[j]
 */
public record PackingProblem(long[] capacity, long[][] items) {

    public PackingProblem {
        for (long c : capacity) {
            if (c <= 0) {
                throw new IllegalArgumentException("capacities must be > 0");
            }
        }
        for (int i = 0; i < items.length; i++) {
            if (items[i].length != capacity.length) {
                throw new IllegalArgumentException("item " + i + " has " + items[i].length
                        + " dimensions, bins have " + capacity.length);
            }
            for (int j = 0; j < capacity.length; j++) {
                if (items[i][j] < 0 || items[i][j] > capacity[j]) {
                    throw new IllegalArgumentException("item " + i + " does not fit an empty bin");
                }
            }
        }
    }

    public int size() {
        return items.length;
    }

    public int dimensions() {
        return capacity.length;
    }
}
