package dev.mmids.gradient.backprop.descent;

/**
 * An optimizer of {@code torch.optim}, as its documentation defines the update, in double precision.
 * {@link #start} makes the state of one run (its buffers, allocated once); each step then updates w from
 * the step's gradient g, layer by layer.
 */
public sealed interface Optimizer permits Optimizer.Sgd, Optimizer.Adam {

    /** The state of a run over r parameters. */
    Run start(int r);

    /** How many vectors of r numbers the state of a run holds. */
    int stateVectors();

    /** One run's updates, step after step. */
    interface Run {

        /** Begins a step (Adam counts them for its bias corrections). */
        default void beginStep() {}

        /**
         * Updates {@code w}, one layer's parameters, from the gradient's entries {@code g[offset ..
         * offset + w.length)}; the state is kept at the same indices.
         */
        void update(double[] w, double[] g, int offset);
    }

    /**
     * {@code torch.optim.SGD} without dampening, Nesterov or weight decay: with momentum μ ≠ 0, the buffer
     * b = g at the first step and b = μ b + g after it, and w ← w − η b; without momentum, w ← w − η g.
     */
    record Sgd(double learningRate, double momentum) implements Optimizer {

        @Override
        public int stateVectors() {
            return momentum == 0 ? 0 : 1;
        }

        @Override
        public Run start(int r) {
            if (momentum == 0) {
                return (w, g, offset) -> {
                    for (int k = 0; k < w.length; k++) {
                        w[k] -= learningRate * g[offset + k];
                    }
                };
            }
            double[] buffer = new double[r];
            return new Run() {
                private boolean first = true;
                private int steps;

                @Override
                public void beginStep() {
                    first = steps++ == 0;
                }

                @Override
                public void update(double[] w, double[] g, int offset) {
                    for (int k = 0; k < w.length; k++) {
                        int j = offset + k;
                        buffer[j] = first ? g[j] : momentum * buffer[j] + g[j];
                        w[k] -= learningRate * buffer[j];
                    }
                }
            };
        }
    }

    /**
     * {@code torch.optim.Adam} without weight decay or AMSGrad: at step t, m = β₁ m + (1 − β₁) g,
     * v = β₂ v + (1 − β₂) g², and w ← w − (η / (1 − β₁^t)) m / (√v / √(1 − β₂^t) + ε).
     */
    record Adam(double learningRate, double beta1, double beta2, double epsilon) implements Optimizer {

        @Override
        public int stateVectors() {
            return 2;
        }

        @Override
        public Run start(int r) {
            double[] m = new double[r];
            double[] v = new double[r];
            return new Run() {
                private int t;
                private double stepSize;
                private double correction2;

                @Override
                public void beginStep() {
                    t++;
                    stepSize = learningRate / (1 - Math.pow(beta1, t));
                    correction2 = Math.sqrt(1 - Math.pow(beta2, t));
                }

                @Override
                public void update(double[] w, double[] g, int offset) {
                    for (int k = 0; k < w.length; k++) {
                        int j = offset + k;
                        double gj = g[j];
                        m[j] = beta1 * m[j] + (1 - beta1) * gj;
                        v[j] = beta2 * v[j] + (1 - beta2) * (gj * gj);
                        w[k] -= stepSize * (m[j] / (Math.sqrt(v[j]) / correction2 + epsilon));
                    }
                }
            };
        }
    }
}
