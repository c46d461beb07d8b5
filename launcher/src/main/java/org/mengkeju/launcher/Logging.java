package org.mengkeju.launcher;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/** Keeps the in-process broker and store at WARN unless the application's logging config says otherwise. */
final class Logging {

    private Logging() {
    }

    static void quietBrokerLogs() {
        warnUnlessConfigured("kafka", "org.apache.kafka", "state.change.logger", "org.apache.kafka.clients");
    }

    static void quietStoreLogs() {
        warnUnlessConfigured("de.bwaldvogel.mongo", "io.netty", "org.h2");
    }

    private static void warnUnlessConfigured(String... names) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext context) {
            for (String name : names) {
                ch.qos.logback.classic.Logger logger = context.getLogger(name);
                if (logger.getLevel() == null) {
                    logger.setLevel(Level.WARN);
                }
            }
        }
    }
}
