package org.modux.kernel.printk.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.modux.kernel.printk.RecordingPrintk;
import org.osgi.service.log.FormatterLogger;
import org.osgi.service.log.Logger;

/** The OSGi LoggerFactory over printk: levels, placeholders, exceptions. */
class PrintkLoggerFactoryTest {

    private final RecordingPrintk printk = new RecordingPrintk();
    private final PrintkLoggerFactory factory = new PrintkLoggerFactory(printk);

    @Test
    void errorsAndWarningsReachTheKernelLogInfoAndDebugDoNot() {
        Logger log = factory.getLogger("scr");
        assertTrue(log.isErrorEnabled());
        assertTrue(log.isWarnEnabled());
        assertFalse(log.isInfoEnabled());
        assertFalse(log.isDebugEnabled());
        log.error("component {} failed in {}", "Hello", "activate");
        log.warn("odd");
        log.info("quiet");
        log.debug("quieter {}", 1);
        assertEquals(List.of("err: scr: component Hello failed in activate", "warn: scr: odd"), printk.lines());
    }

    @Test
    void aTrailingExceptionLogsItsMessageAndCauses() {
        factory.getLogger("scr").error("init of {} threw", "x", new IllegalStateException("outer",
                new IllegalArgumentException("inner")));
        List<String> lines = printk.lines();
        assertEquals("err: scr: init of x threw", lines.get(0));
        assertEquals("err: scr: java.lang.IllegalStateException: outer", lines.get(1));
        assertEquals("err: scr: caused by java.lang.IllegalArgumentException: inner", lines.get(2));
        assertTrue(lines.get(3).startsWith("debug: scr:   at "), lines.get(3));
    }

    @Test
    void placeholdersFillInOrderAndEscapedOnesStay() {
        assertEquals("a 1 b 2 c {}", PrintkLoggerFactory.placeholders("a {} b {} c \\{}", new Object[] {1, 2}));
        assertEquals("only {}", PrintkLoggerFactory.placeholders("only {}", new Object[0]));
    }

    @Test
    void aFormatterLoggerFormatsAsPrintfDoes() {
        factory.getLogger("x", FormatterLogger.class).error("%d widgets", 3);
        assertEquals(List.of("err: x: 3 widgets"), printk.lines());
    }
}
