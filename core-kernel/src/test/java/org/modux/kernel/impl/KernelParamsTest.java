package org.modux.kernel.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The verdict on a boot command line: what the kernel does not know or cannot take. */
class KernelParamsTest {

    private static KernelParams.Verdict judge(String line) {
        return KernelParams.judge(line);
    }

    @Test
    void aCommandLineOfKnownParametersIsFine() {
        assertEquals(new KernelParams.Verdict(List.of(), List.of(), List.of()),
                judge("mem=512M smp=2 quiet console=hvc0 init=\"/sbin/init -s\" loglevel=7 log-buf-len=1M debug"));
    }

    @Test
    void unknownParametersAreListedAsTyped() {
        assertEquals(List.of("foo", "bar=1", "baz=\"a b\"", "a=b=c"),
                judge("foo quiet bar=1 baz=\"a b\" a=b=c").unknown());
    }

    @Test
    void aBadValueOfAnEarlyParameterIsMalformed() {
        KernelParams.Verdict v = judge("mem=lots mem=-1 mem");
        assertEquals(List.of("mem=lots", "mem=-1", "mem"), v.malformedEarly());
        assertEquals(List.of(), v.invalid());
    }

    @Test
    void aBadValueOfALaterParameterIsInvalid() {
        KernelParams.Verdict v = judge("smp=0 smp=999 smp=257 smp=x smp=256 smp=1");
        assertEquals(List.of("smp=0", "smp=999", "smp=257", "smp=x"), v.invalid());
        assertEquals(List.of(), v.malformedEarly());
    }

    @Test
    void printksOwnParametersAreLeftToPrintk() {
        assertEquals(new KernelParams.Verdict(List.of(), List.of(), List.of()),
                judge("loglevel=lots log_buf_len=huge quiet=1 debug=yes"));
    }
}
