package org.carebot.triage;

import java.util.Arrays;

/**
 * A growable {@link VectorTable}: rows come and go (posts join and expire), and a scan is the same vectorized
 * multiply-add over one array per dimension. A removed row's place takes the last row, so the rows stay packed;
 * the caller keeps each item's row through the {@code moved} callback. Not thread-safe.
 *
 * @param <T> what each row stands for
 */
final class VectorShelf<T> {

    /** Told when an item moves to another row, so its owner can find it again. */
    interface RowListener<T> {
        void placed(T item, int row);
    }

    private final RowListener<T> listener;
    private float[][] columns = new float[0][];
    private Object[] items = new Object[16];
    private int size;

    VectorShelf(RowListener<T> listener) {
        this.listener = listener;
    }

    int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    T item(int row) {
        return (T) items[row];
    }

    void add(T item, float[] vector) {
        if (columns.length == 0) {
            columns = new float[vector.length][items.length];
        } else if (vector.length != columns.length) {
            throw new IllegalArgumentException("vector has " + vector.length + " dimensions, not " + columns.length);
        }
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
            for (int d = 0; d < columns.length; d++) columns[d] = Arrays.copyOf(columns[d], size * 2);
        }
        for (int d = 0; d < columns.length; d++) columns[d][size] = vector[d];
        items[size] = item;
        listener.placed(item, size);
        size++;
    }

    void remove(int row) {
        int last = size - 1;
        if (row < 0 || row > last) throw new IndexOutOfBoundsException("row " + row + " of " + size);
        if (row != last) {
            for (float[] column : columns) column[row] = column[last];
            items[row] = items[last];
            listener.placed(item(row), row);
        }
        items[last] = null;
        size--;
    }

    /** The dot product of the query with every row; cosine similarity for unit-length vectors. */
    float[] dot(float[] query) {
        float[] scores = new float[size];
        if (size == 0) return scores;
        if (query.length != columns.length) {
            throw new IllegalArgumentException("query has " + query.length + " dimensions, not " + columns.length);
        }
        VectorTable.addProducts(columns, size, query, scores);
        return scores;
    }
}
