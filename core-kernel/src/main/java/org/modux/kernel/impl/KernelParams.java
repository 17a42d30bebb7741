package org.modux.kernel.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.modux.hw.BootCommandLine;

/**
 * The kernel parameters the core knows (Linux: the {@code early_param} and
 * {@code __setup} tables, Documentation/admin-guide/kernel-parameters.txt), one row
 * each: its name, whether it is an early parameter, and what a valid value is.
 * The subsystem named in each row reads its own value; this table only judges the
 * command line as a whole, as {@code parse_args} and {@code do_early_param} do.
 */
final class KernelParams {

    /** One known parameter. {@code valid} judges the value (null for a bare word). */
    record Row(String name, boolean early, Predicate<String> valid, String owner) {
    }

    private static final Predicate<String> SIZE = v -> v != null && parses(() -> BootCommandLine.memparse(v));
    private static final Predicate<String> ANY = v -> v != null;
    /** The owner parses and reports the value itself (printk's early parameters). */
    private static final Predicate<String> OWNER_CHECKS = v -> true;

    static final List<Row> TABLE = List.of(
            new Row("mem", true, SIZE, "machine: RAM size"),
            new Row("smp", false, v -> v != null && v.matches("[1-9][0-9]{0,2}") && Integer.parseInt(v) <= 256,
                    "machine: number of CPUs"),
            new Row("loglevel", true, OWNER_CHECKS, "printk: console log level"),
            new Row("quiet", true, OWNER_CHECKS, "printk: console log level 4"),
            new Row("debug", true, OWNER_CHECKS, "printk: console log level 10"),
            new Row("log_buf_len", true, OWNER_CHECKS, "printk: ring buffer size"),
            new Row("console", false, ANY, "printk: console device"),
            new Row("init", false, ANY, "init: program to run as init"),
            new Row("idle", true, v -> "poll".equals(v) || "halt".equals(v), "machine: idle CPUs poll instead of halting"));

    /** What the command line holds that the kernel does not know or cannot take. */
    record Verdict(List<String> malformedEarly, List<String> invalid, List<String> unknown) {
    }

    private KernelParams() {
    }

    static Verdict judge(String commandLine) {
        List<String> malformed = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (BootCommandLine.Param p : BootCommandLine.parse(commandLine)) {
            Row row = find(p.name());
            if (row == null) {
                unknown.add(p.toString());
            } else if (!row.valid().test(p.value())) {
                (row.early() ? malformed : invalid).add(p.toString());
            }
        }
        return new Verdict(malformed, invalid, unknown);
    }

    static Row find(String name) {
        for (Row r : TABLE) {
            if (BootCommandLine.sameName(r.name(), name)) {
                return r;
            }
        }
        return null;
    }

    private static boolean parses(Runnable r) {
        try {
            r.run();
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
