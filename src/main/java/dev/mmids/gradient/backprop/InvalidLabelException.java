package dev.mmids.gradient.backprop;

/** A label y outside the domain its loss requires, e.g. not a probability vector for cross-entropy. */
public class InvalidLabelException extends IllegalArgumentException {

    private final int sample;
    private final int index;
    private final String problem;

    /**
     * @param sample the row of the batch, from 0
     * @param index the entry of y at fault, from 0, or -1 when the vector as a whole is
     * @param problem what is wrong, completing a sentence that starts with the entry or the vector
     */
    public InvalidLabelException(int sample, int index, String problem) {
        super((index < 0 ? "y" : "y[" + index + "]") + " " + problem);
        this.sample = sample;
        this.index = index;
        this.problem = problem;
    }

    public int sample() {
        return sample;
    }

    /** What is wrong, without naming the label: e.g. "sums to 1.1; ...". */
    public String problem() {
        return problem;
    }

    /** The entry at fault, or -1 when the vector as a whole is. */
    public int index() {
        return index;
    }
}
