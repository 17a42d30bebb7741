package org.modux.kernel.printk.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class EarlyParamsTest {

    @Test
    void withoutParametersTheBufferIs128KAndTheConsoleLevel7() {
        EarlyParams params = EarlyParams.parse("");
        assertEquals(128 * 1024, params.logBufLen());
        assertEquals(7, params.consoleLoglevel());
        assertEquals(List.of(), params.malformed());
    }

    @Test
    void logBufLenIsRoundedUpToAPowerOfTwo() {
        assertEquals(1 << 20, EarlyParams.parse("log_buf_len=1M").logBufLen());
        assertEquals(1 << 20, EarlyParams.parse("log_buf_len=600K").logBufLen());
        assertEquals(8192, EarlyParams.parse("log_buf_len=4097").logBufLen());
        assertEquals(4096, EarlyParams.parse("log_buf_len=4096").logBufLen());
    }

    @Test
    void logBufLenIsHeldBetween4KAnd1G() {
        assertEquals(4096, EarlyParams.parse("log_buf_len=100").logBufLen());
        assertEquals(1 << 30, EarlyParams.parse("log_buf_len=4G").logBufLen());
    }

    @Test
    void logBufLenZeroKeepsTheDefaultAsLinuxDoes() {
        assertEquals(1 << 17, EarlyParams.parse("log_buf_len=0").logBufLen());
    }

    @Test
    void quietDebugAndLoglevelApplyInOrderAndTheLastWins() {
        assertEquals(4, EarlyParams.parse("quiet").consoleLoglevel());
        assertEquals(10, EarlyParams.parse("debug").consoleLoglevel());
        assertEquals(3, EarlyParams.parse("loglevel=3").consoleLoglevel());
        assertEquals(4, EarlyParams.parse("debug loglevel=2 quiet").consoleLoglevel());
        assertEquals(8, EarlyParams.parse("quiet loglevel=8").consoleLoglevel());
    }

    @Test
    void badValuesAreReportedAndChangeNothing() {
        EarlyParams params = EarlyParams.parse("log_buf_len=lots loglevel=high loglevel");
        assertEquals(1 << 17, params.logBufLen());
        assertEquals(7, params.consoleLoglevel());
        assertEquals(List.of("log_buf_len", "loglevel", "loglevel"), params.malformed());
    }

    @Test
    void dashesAndUnderscoresAreTheSameInNames() {
        assertEquals(1 << 16, EarlyParams.parse("log-buf-len=64K").logBufLen());
    }
}
