package dev.mmids.gradient.web.server;

import dev.mmids.gradient.web.admission.AdmissionSettings;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The API's Tomcat: {@link ProblemReportValve} in place of Tomcat's HTML error report, and {@link
 * HeaderDeadlineProtocol} for its connector. The management server (the probes and metrics, on a port of
 * their own) keeps Tomcat's defaults and threads of its own, so that it answers whatever the API's port
 * is put through.
 */
@Configuration(proxyBeanMethods = false)
class TomcatConfiguration implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    private final AdmissionSettings admission;

    TomcatConfiguration(AdmissionSettings admission) {
        this.admission = admission;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.setProtocol(HeaderDeadlineProtocol.class.getName());
        factory.addConnectorCustomizers(connector -> {
            connector.setProperty(
                    "headerTimeoutMillis",
                    Long.toString(admission.headerTimeout().toMillis()));
            // "100 Continue" only once the body is read: a body refused on its headers is never invited
            connector.setProperty("continueResponseTiming", "onRead");
        });
        factory.addContextCustomizers(context -> {
            StandardHost host = (StandardHost) context.getParent();
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve) {
                    host.getPipeline().removeValve(valve);
                }
            }
            host.setErrorReportValveClass(ProblemReportValve.class.getName());
        });
    }

    /** After Spring Boot's own customizer, which adds an error report valve of its own. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
