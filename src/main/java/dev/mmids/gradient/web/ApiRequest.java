package dev.mmids.gradient.web;

/**
 * A request body of the API, read by {@link RequestReader} from JSON or CBOR with the same rules,
 * its parse charged to the request's memory.
 */
interface ApiRequest {}
