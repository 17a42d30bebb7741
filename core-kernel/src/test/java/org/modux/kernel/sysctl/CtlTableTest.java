package org.modux.kernel.sysctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;

/** The common sysctl handlers: what reading the file shows and what a write stores or refuses. */
class CtlTableTest {

    private final AtomicIntegerArray vec = new AtomicIntegerArray(new int[] {7, 4, 1, 7});
    private final ProcHandler printk = CtlTable.intVec("printk", 0644, vec, -10, 15).handler();

    private Errno fails(ProcHandler h, String text) {
        return assertThrows(ErrnoException.class, () -> h.write(text), () -> '"' + text + '"').errno();
    }

    @Test
    void anIntVectorReadsTabSeparated() {
        assertEquals("7\t4\t1\t7", printk.read());
    }

    @Test
    void aWriteSetsAsManyLeadingElementsAsItGives() throws ErrnoException {
        printk.write("8\n");
        assertEquals("8\t4\t1\t7", printk.read());
        printk.write("  1\t2 \n");
        assertEquals("1\t2\t1\t7", printk.read());
        printk.write("3 3 3 3");
        assertEquals("3\t3\t3\t3", printk.read());
    }

    @Test
    void numbersAreReadAsStrtoulWithBaseZeroReadsThem() throws ErrnoException {
        printk.write("0xf 0XA 017 0");
        assertEquals("15\t10\t15\t0", printk.read());
        printk.write("-0x2 -010 00 -0");
        assertEquals("-2\t-8\t0\t0", printk.read());
    }

    @Test
    void negativeNumbersAreCheckedAgainstTheMinimum() throws ErrnoException {
        printk.write("-10");
        assertEquals("-10\t4\t1\t7", printk.read());
        assertEquals(Errno.EINVAL, fails(printk, "-11"));
    }

    @Test
    void anyBadValueIsEinvalAndNothingChanges() {
        String[] bad = {"16", "1 2 3 16", "-11", "99999999999999999999", "4294967297", "x", "1x", "1.5", "", " \n",
            "1 2 3 4 5", "--5", "+5", "-+5", "0x-1", "0x+1", "0-5", "0x", "08", "0xg", "1,2"};
        for (String text : bad) {
            assertEquals(Errno.EINVAL, fails(printk, text));
            assertEquals("7\t4\t1\t7", printk.read(), text);
        }
    }

    @Test
    void anIntValueIsAVectorOfOne() throws ErrnoException {
        AtomicIntegerArray one = new AtomicIntegerArray(new int[] {0});
        ProcHandler restrict = CtlTable.intValue("dmesg_restrict", 0644, one, 0, 1).handler();

        restrict.write("1\n");
        assertEquals("1", restrict.read());
        assertEquals(Errno.EINVAL, fails(restrict, "0 0"));
        assertEquals(Errno.EINVAL, fails(restrict, "2"));
        assertEquals(1, one.get(0));
    }

    @Test
    void aStringIsItsFirstLineShorterThanMaxlen() throws ErrnoException {
        AtomicReference<String> value = new AtomicReference<>("Linux");
        ProcHandler hostname = CtlTable.string("hostname", 0644, value, 6).handler();
        assertEquals("Linux", hostname.read());

        hostname.write("modux\n");
        assertEquals("modux", value.get());
        hostname.write("one\ntwo\n");
        assertEquals("one", hostname.read());
        assertEquals(Errno.EINVAL, fails(hostname, "sixsix\n"));
        assertEquals("one", hostname.read());
        hostname.write("");
        assertEquals("", hostname.read());
    }

    @Test
    void aReadOnlyValueIsComputedOnEachReadAndRefusesWrites() {
        int[] reads = {0};
        CtlTable ostype = CtlTable.readOnly("ostype", () -> "Linux" + ++reads[0]);

        assertEquals("Linux1", ostype.handler().read());
        assertEquals("Linux2", ostype.handler().read());
        assertEquals(Errno.EACCES, fails(ostype.handler(), "Hurd"));
        assertEquals(0444, ostype.mode());
        assertEquals("ostype", ostype.procname());
    }
}
