package dev.mmids.gradient.web;

import dev.ludovic.netlib.blas.BLAS;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The matrix products of a batch through a linear layer, by EJML, EJML on all cores, and BLAS through JNI. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ProductBenchmark {

    /** m × n times (n' × n)^T: the forward pass of a batch of m through a layer n → n'. */
    @Param({"64x784x256", "1024x784x256"})
    String shape;

    DMatrixRMaj Z;
    DMatrixRMaj W;
    DMatrixRMaj out;

    @Setup
    public void setUp() {
        String[] d = shape.split("x");
        int m = Integer.parseInt(d[0]);
        int n = Integer.parseInt(d[1]);
        int outputs = Integer.parseInt(d[2]);
        Random random = new Random(1);
        Z = DMatrixRMaj.wrap(m, n, random.doubles(m * n).toArray());
        W = DMatrixRMaj.wrap(outputs, n, random.doubles(outputs * n).toArray());
        out = new DMatrixRMaj(m, outputs);
        System.out.println("BLAS: " + BLAS.getInstance().getClass().getName());
    }

    @Benchmark
    public DMatrixRMaj ejmlTransB() {
        CommonOps_DDRM.multTransB(Z, W, out);
        return out;
    }

    @Benchmark
    public DMatrixRMaj ejmlTransposeThenMult() {
        DMatrixRMaj Wt = CommonOps_DDRM.transpose(W, null);
        CommonOps_DDRM.mult(Z, Wt, out);
        return out;
    }

    @Benchmark
    public DMatrixRMaj ejmlConcurrentTransposeThenMult() {
        DMatrixRMaj Wt = CommonOps_DDRM.transpose(W, null);
        CommonOps_MT_DDRM.mult(Z, Wt, out);
        return out;
    }

    /** Row-major Z W^T is column-major (W Z^T): dgemm("T", "N") on the arrays as they are. */
    @Benchmark
    public DMatrixRMaj blas() {
        int m = Z.numRows;
        int n = Z.numCols;
        int outputs = W.numRows;
        BLAS.getInstance().dgemm("T", "N", outputs, m, n, 1.0, W.data, n, Z.data, n, 0.0, out.data, outputs);
        return out;
    }
}
