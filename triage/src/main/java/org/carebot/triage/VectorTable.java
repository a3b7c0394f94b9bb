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

    /** Adds the query's dot product with each of the first {@code rows} rows of column-major {@code columns}. */
    static void addProducts(float[][] columns, int rows, float[] query, float[] scores) {
        for (int d = 0; d < columns.length; d++) {
            float q = query[d];
            float[] column = columns[d];
            for (int r = 0; r < rows; r++) scores[r] += q * column[r];
        }
    }
}
