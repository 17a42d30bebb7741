package org.modux.kernel.printk.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.modux.kernel.printk.LogLevel;
import org.modux.kernel.printk.LogRecord;
import org.slf4j.event.Level;
import org.slf4j.event.SubstituteLoggingEvent;
import org.slf4j.impl.StaticLoggerBinder;

class PrintkLoggerTest {

    private final KernelLog log = KernelLogs.boot(new FakeMachine(""));
    private final PrintkLogger printk = new PrintkLogger(log, "kernel");

    private String lastText() {
        List<LogRecord> records = log.logBuf().readAll(false);
        return records.get(records.size() - 1).text();
    }

    @Test
    void oneTrailingNewlineIsDropped() {
        printk.prInfo("hello\n");
        assertEquals("hello", lastText());
        printk.prInfo("two\n\n");
        assertEquals("two\n", lastText());
    }

    @Test
    void messagesAreFormattedWithStringFormat() {
        printk.prInfo("%s: %d items", "vfs", 3);
        assertEquals("vfs: 3 items", lastText());
        printk.prInfo("100%%");
        assertEquals("100%", lastText());
    }

    @Test
    void aBadFormatLogsTheFormatItselfInsteadOfThrowing() {
        printk.prInfo("%d", "not a number");
        assertEquals("%d", lastText());
        printk.prInfo("missing %s");
        assertEquals("missing %s", lastText());
        Object hostile = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException();
            }
        };
        printk.prErr("value %s", hostile);
        assertEquals("value %s", lastText());
    }

    @Test
    void printkKeepsTheLevelAndTheKernelFacility() {
        printk.printk(LogLevel.NOTICE, "note");
        LogRecord record = log.logBuf().readAll(false).get(0);
        assertEquals(LogLevel.NOTICE, record.level());
        assertEquals(0, record.facility());
    }

    @Test
    void aSubsystemLogsUnderADottedName() {
        printk.subsystem("vfs").prInfo("vfs: dotted name check");
        new PrintkLogger(log, "module.ne").subsystem("probe").prInfo("ne: dotted name check");

        assertEquals(List.of("kernel.vfs INFO vfs: dotted name check", "module.ne.probe INFO ne: dotted name check"),
                slf4jEvents("dotted name check"));
        assertEquals("ne: dotted name check", lastText());
    }

    @Test
    void aModuleIsNamedByItsHeaderOrElseTheLastSegmentOfItsSymbolicName() {
        assertEquals("hello", BundlePrintk.moduleName("org.modux.modules.hello", null));
        assertEquals("8250", BundlePrintk.moduleName("org.modux.drivers.tty.serial", "8250"));
        assertEquals("plain", BundlePrintk.moduleName("plain", ""));
    }

    @Test
    void everyMessageGoesToSlf4jUnderItsLoggerNameAndLevel() {
        printk.subsystem("vfs").prWarn("vfs: slf4j check %d", 1);
        new PrintkLogger(log, "module.hello").prDebug("hello: slf4j check 2\n");

        assertEquals(List.of("kernel.vfs WARN vfs: slf4j check 1", "module.hello DEBUG hello: slf4j check 2"),
                slf4jEvents("slf4j check"));
    }

    /** The SLF4J events whose message contains {@code marker}, as "logger LEVEL message". */
    private static List<String> slf4jEvents(String marker) {
        return StaticLoggerBinder.EVENTS.stream()
                .filter(e -> e.getMessage().contains(marker))
                .map(PrintkLoggerTest::describe)
                .toList();
    }

    private static String describe(SubstituteLoggingEvent e) {
        return e.getLoggerName() + " " + e.getLevel() + " " + e.getMessage();
    }

    @Test
    void kernelLevelsMapOntoSlf4jLevels() {
        assertEquals(Level.ERROR, PrintkLogger.slf4jLevel(LogLevel.EMERG));
        assertEquals(Level.ERROR, PrintkLogger.slf4jLevel(LogLevel.ALERT));
        assertEquals(Level.ERROR, PrintkLogger.slf4jLevel(LogLevel.CRIT));
        assertEquals(Level.ERROR, PrintkLogger.slf4jLevel(LogLevel.ERR));
        assertEquals(Level.WARN, PrintkLogger.slf4jLevel(LogLevel.WARNING));
        assertEquals(Level.INFO, PrintkLogger.slf4jLevel(LogLevel.NOTICE));
        assertEquals(Level.INFO, PrintkLogger.slf4jLevel(LogLevel.INFO));
        assertEquals(Level.DEBUG, PrintkLogger.slf4jLevel(LogLevel.DEBUG));
    }
}
