package dev.mmids.gradient.backprop.descent;

/** A run of gradient descent that reached a loss, gradient or parameter that is not a finite double. */
public class DivergedException extends ArithmeticException {

    private final int epoch;
    private final long step;

    DivergedException(int epoch, long step, String what) {
        super("the run diverged in epoch " + epoch + ", step " + step + ": " + what);
        this.epoch = epoch;
        this.step = step;
    }

    public int epoch() {
        return epoch;
    }

    /** The step, counted from 1 over the whole run. */
    public long step() {
        return step;
    }
}
