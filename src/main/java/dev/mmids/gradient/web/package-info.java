/**
 * The HTTP API: its controllers ({@code POST /gradient}, {@code /forward}, {@code /jacobian}, {@code GET
 * /catalog}, the contract) and the records they answer with. A controller takes its request (from
 * {@link dev.mmids.gradient.web.model}) and its {@link dev.mmids.gradient.web.admission.Admitted} as
 * parameters, reserves its computation's memory, runs the engine through the request's {@link
 * dev.mmids.gradient.web.model.Model}, and returns arrays; it never sees a servlet request or a matrix.
 *
 * <p>Below it: {@link dev.mmids.gradient.web.server} (Tomcat and the answers to what fails), {@link
 * dev.mmids.gradient.web.json} (reading bodies), {@link dev.mmids.gradient.web.admission} (body limits,
 * memory and time), {@link dev.mmids.gradient.web.model} (requests to the engine's chain), {@link
 * dev.mmids.gradient.web.problem} (RFC 9457 problems), each depending only on those after it.
 */
package dev.mmids.gradient.web;
