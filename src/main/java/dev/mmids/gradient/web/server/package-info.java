/**
 * The server around the API: Tomcat's connector and error valve, the answers to what fails (the exception
 * handler, the error page), Spring MVC's configuration, the shutdown grace, and what {@code
 * /actuator/info} says of the engine.
 */
package dev.mmids.gradient.web.server;
