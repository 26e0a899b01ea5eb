/**
 * Everything that becomes an RFC 9457 problem: the vocabulary of problem types ({@link
 * dev.mmids.gradient.web.problem.ProblemKind}, each with its {@code tag:} URI, title and status), one
 * exception class per problem type a request can deserve, named for that type ({@code
 * ParameterCountProblem} answers {@code parameter-count}), and the one builder every writer uses ({@link
 * dev.mmids.gradient.web.problem.Problems}). It depends on nothing else of the service.
 */
package dev.mmids.gradient.web.problem;
