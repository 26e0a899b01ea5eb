/**
 * The request model: the records the API reads ({@link dev.mmids.gradient.web.model.ApiRequest} and its
 * three requests), the layer types as the API names them ({@link dev.mmids.gradient.web.model.LayerType},
 * taken from the engine's kinds), the server's {@link dev.mmids.gradient.web.model.Limits}, and the way
 * from a request to the engine's {@link dev.mmids.gradient.web.model.Model}: request checks, samples to X
 * and Y, layers to a chain, and every array ⇄ matrix conversion in {@link
 * dev.mmids.gradient.web.model.Matrices}.
 */
package dev.mmids.gradient.web.model;
