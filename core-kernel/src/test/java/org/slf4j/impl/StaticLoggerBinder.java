package org.slf4j.impl;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.slf4j.ILoggerFactory;
import org.slf4j.event.EventRecodingLogger;
import org.slf4j.event.SubstituteLoggingEvent;
import org.slf4j.helpers.SubstituteLogger;
import org.slf4j.spi.LoggerFactoryBinder;

/**
 * The SLF4J 1.7 binding for unit tests: every logger records its events in
 * {@link #EVENTS}, so tests can check what printk passed on to SLF4J.
 */
public final class StaticLoggerBinder implements LoggerFactoryBinder {

    /** Read by SLF4J to check the binding's API version. */
    public static String REQUESTED_API_VERSION = "1.6.99";

    /** Every event logged in this JVM, oldest first. */
    public static final Queue<SubstituteLoggingEvent> EVENTS = new ConcurrentLinkedQueue<>();

    private static final StaticLoggerBinder SINGLETON = new StaticLoggerBinder();

    private final ILoggerFactory factory = name -> new EventRecodingLogger(new SubstituteLogger(name, EVENTS, false),
            EVENTS);

    public static StaticLoggerBinder getSingleton() {
        return SINGLETON;
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return factory;
    }

    @Override
    public String getLoggerFactoryClassStr() {
        return EventRecodingLogger.class.getName();
    }
}
