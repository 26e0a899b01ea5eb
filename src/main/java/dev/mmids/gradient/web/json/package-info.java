/**
 * Reading a request body, JSON or CBOR, by one set of rules: strict mappers ({@link
 * dev.mmids.gradient.web.json.JsonConfiguration}), number arrays in every form the formats allow, the
 * parse's memory counted before it runs and charged as it goes ({@link
 * dev.mmids.gradient.web.json.AccountedParser}, {@link dev.mmids.gradient.web.json.CborScan}), and
 * Jackson's failures said in the API's words ({@link dev.mmids.gradient.web.json.JsonProblems}).
 */
package dev.mmids.gradient.web.json;
