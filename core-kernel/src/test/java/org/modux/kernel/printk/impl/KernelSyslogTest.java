package org.modux.kernel.printk.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.modux.kernel.printk.LogLevel;
import org.modux.kernel.printk.LogRecord;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;

class KernelSyslogTest {

    private final KernelLog log = KernelLogs.boot(new FakeMachine(""));
    private final KernelSyslog syslog = new KernelSyslog(log);

    private LogRecord written(String line) {
        syslog.devkmsgWrite(line);
        List<LogRecord> records = syslog.readAll();
        return records.get(records.size() - 1);
    }

    @Test
    void aDevkmsgWriteWithoutPriorityIsAUserWarning() {
        LogRecord record = written("systemd[1]: started\n");
        assertEquals("systemd[1]: started", record.text());
        assertEquals(1, record.facility());
        assertEquals(LogLevel.WARNING, record.level());
        assertEquals(12, record.priority());
    }

    @Test
    void aPriorityPrefixGivesFacilityAndLevel() {
        LogRecord daemon = written("<30>sshd: listening");
        assertEquals(3, daemon.facility());
        assertEquals(LogLevel.INFO, daemon.level());
        assertEquals("sshd: listening", daemon.text());

        LogRecord local7 = written("<191>debugging");
        assertEquals(23, local7.facility());
        assertEquals(LogLevel.DEBUG, local7.level());
    }

    @Test
    void userSpaceCannotPassItselfOffAsTheKernel() {
        LogRecord record = written("<3>fake kernel error");
        assertEquals(1, record.facility());
        assertEquals(LogLevel.ERR, record.level());
        assertEquals(11, record.priority());
    }

    @Test
    void aPrefixThatIsNotANumberInAnglesIsPartOfTheText() {
        assertEquals("<x>hello", written("<x>hello").text());
        assertEquals("<12 no close", written("<12 no close").text());
        LogRecord empty = written("<>emergency");
        assertEquals(LogLevel.EMERG, empty.level());
        assertEquals("emergency", empty.text());
    }

    @Test
    void theDefaultLevelIsDefaultMessageLoglevel() {
        log.consolePrintk().asArray().set(1, 6);
        assertEquals(LogLevel.INFO, written("plain").level());
    }

    @Test
    void consoleLevelOutside1To8IsEinvalAndChangesNothing() {
        assertEquals(Errno.EINVAL, assertThrows(ErrnoException.class, () -> syslog.setConsoleLevel(0)).errno());
        assertEquals(Errno.EINVAL, assertThrows(ErrnoException.class, () -> syslog.setConsoleLevel(9)).errno());
        assertEquals(7, syslog.consoleLevel());
    }

    @Test
    void consoleLevelIsRaisedToTheMinimum() throws ErrnoException {
        syslog.setConsoleLevel(8);
        assertEquals(8, syslog.consoleLevel());
        log.consolePrintk().asArray().set(2, 3);
        syslog.setConsoleLevel(1);
        assertEquals(3, syslog.consoleLevel());
    }

    @Test
    void readClearReturnsWhatReadAllWouldThenClears() {
        syslog.devkmsgWrite("one");
        syslog.devkmsgWrite("two");

        assertEquals(List.of("one", "two"), syslog.readClear().stream().map(LogRecord::text).toList());
        assertEquals(List.of(), syslog.readAll());
        syslog.devkmsgWrite("three");
        syslog.clear();
        assertEquals(List.of(), syslog.readAll());
    }

    @Test
    void theBufferSizeIsLogBufLen() {
        assertEquals(1 << 17, syslog.bufferSize());
        assertEquals(1 << 12, new KernelSyslog(KernelLogs.boot(new FakeMachine("log_buf_len=4k"))).bufferSize());
    }
}
