package dev.mmids.gradient.web.problem;

import java.util.List;

/** Numbers in the request that are not finite doubles: NaN, ±Infinity, or beyond ±1.8e308, such as 1e999. */
public class NonFiniteNumberProblem extends Problem {

    public NonFiniteNumberProblem(List<String> pointers, int count) {
        super(
                ProblemKind.NON_FINITE_NUMBER,
                "the request holds " + count + (count == 1 ? " number" : " numbers")
                        + " that is not a finite double (NaN, Infinity, or beyond ±1.8e308), first at "
                        + pointers.get(0),
                pointers.stream()
                        .map(p -> new FieldError(p, "is not a finite double"))
                        .toList());
    }
}
