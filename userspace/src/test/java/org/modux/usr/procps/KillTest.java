package org.modux.usr.procps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.modux.uapi.Errno;
import org.modux.uapi.ErrnoException;

/**
 * kill's output, against what procps-ng 4.0.2's /bin/kill printed on Debian 12 for
 * the same command lines, over a kill(2) that knows pids 2 and 3 and answers as
 * Linux does (ESRCH before EINVAL).
 */
class KillTest {

    private final List<String> calls = new ArrayList<>();

    private final Kill.Syscall syscall = (pid, sig) -> {
        calls.add(pid + " " + sig);
        if (!Set.of(2, 3, -1).contains(pid)) {
            throw new ErrnoException(Errno.ESRCH);
        }
        if (sig < 0 || sig > 64) {
            throw new ErrnoException(Errno.EINVAL);
        }
    };

    /** procps' usage text, without the -q and -V lines of options Modux's kill does not have. */
    private static final String USAGE = """

            Usage:
             kill [options] <pid> [...]

            Options:
             <pid> [...]            send signal to every <pid> listed
             -<signal>, -s, --signal <signal>
                                    specify the <signal> to be sent
             -l, --list=[<signal>]  list all signal names, or convert one to a name
             -L, --table            list all signal names in a nice table

             -h, --help     display this help and exit

            For more details see kill(1).
            """;

    private void assertKill(String out, String err, int status, String... args) {
        assertEquals(new Kill.Result(out, err, status), Kill.run(syscall, args), String.join(" ", args));
    }

    @Test
    void listAndTableAreProcpss() {
        assertKill("""
                HUP INT QUIT ILL TRAP ABRT BUS FPE KILL USR1 SEGV USR2 PIPE ALRM TERM STKFLT
                CHLD CONT STOP TSTP TTIN TTOU URG XCPU XFSZ VTALRM PROF WINCH POLL PWR SYS
                """, "", 0, "-l");
        assertKill("""
                 1 HUP      2 INT      3 QUIT     4 ILL      5 TRAP     6 ABRT     7 BUS
                 8 FPE      9 KILL    10 USR1    11 SEGV    12 USR2    13 PIPE    14 ALRM
                15 TERM    16 STKFLT  17 CHLD    18 CONT    19 STOP    20 TSTP    21 TTIN
                22 TTOU    23 URG     24 XCPU    25 XFSZ    26 VTALRM  27 PROF    28 WINCH
                29 POLL    30 PWR     31 SYS    \s
                """, "", 0, "-L");
        assertEquals(List.of(), calls);
    }

    @Test
    void listConvertsOneSignalEitherWay() {
        assertKill("KILL\n", "", 0, "-l", "9");
        assertKill("9\n", "", 0, "-l", "KILL");
        assertKill("9\n", "", 0, "-l", "SIGKILL");
        assertKill("9\n", "", 0, "-l", "kill");
        assertKill("TERM\n", "", 0, "-l", "15", "16");
        assertKill("KILL\n", "", 0, "--list=9");
        assertKill("KILL\n", "", 0, "--lis=9");
        assertKill("1\n", "", 0, "-lHUP");
        for (String unknown : List.of("0", "64", "200", "foo", "RTMIN")) {
            assertKill("", "kill: unknown signal name " + unknown + "\n", 0, "-l", unknown);
        }
        assertKill("", "kill: unknown signal name =9\n", 0, "-l=9");
    }

    @Test
    void theSignalComesAsDashSignalDashSOrSignalAndDefaultsToTerm() {
        for (List<String> args : List.of(List.of("-9", "2"), List.of("-KILL", "2"), List.of("-SIGKILL", "2"),
                List.of("-s", "KILL", "2"), List.of("-s", "9", "2"), List.of("-s9", "2"), List.of("2", "-9"),
                List.of("--signal=9", "2"), List.of("--sig", "kill", "2"))) {
            calls.clear();
            assertKill("", "", 0, args.toArray(String[]::new));
            assertEquals(List.of("2 9"), calls, args.toString());
        }
        calls.clear();
        assertKill("", "", 0, "2", "3");
        assertKill("", "", 0, "-0", "2");
        assertKill("", "", 0, "-RTMIN+2", "2");
        assertEquals(List.of("2 15", "3 15", "2 0", "2 36"), calls);
    }

    @Test
    void aPidThatIsNotThereIsReportedAndTheOthersAreStillSignalled() {
        assertKill("", "kill: (99999): No such process\n", 1, "99999");
        assertKill("", "kill: (99999): No such process\n", 1, "2", "99999", "3");
        assertKill("", "kill: (0): No such process\n", 1, "0");
        assertEquals(List.of("99999 15", "2 15", "99999 15", "3 15", "0 15"), calls);
    }

    @Test
    void aWordThatIsNoPidEndsKill() {
        assertKill("", "kill: failed to parse argument: 'abc'\n", 1, "abc");
        assertKill("", "kill: (99999): No such process\nkill: failed to parse argument: 'abc'\n", 1, "99999", "abc",
                "2");
        assertKill("", "kill: failed to parse argument: ' 5x'\n", 1, " 5x");
        assertKill("", "kill: failed to parse argument: '99999999999999999999999': Numerical result out of range\n",
                1, "99999999999999999999999");
        assertEquals(List.of("99999 15"), calls);
    }

    @Test
    void aSignalKill2DoesNotKnowIsItsInvalidArgument() {
        assertKill("", "kill: (2): Invalid argument\n", 1, "-s", "FOO", "2");
        assertKill("", "kill: (99999): No such process\n", 1, "-s", "FOO", "99999");
        assertKill("", "kill: (2): Invalid argument\n", 1, "-s", "90", "2");
        assertEquals(List.of("2 -1", "99999 -1", "2 90"), calls);
    }

    @Test
    void badOptionsPrintTheUsage() {
        assertKill("", USAGE, 1);
        assertKill("", "kill: invalid argument x\n" + USAGE, 1, "-x");
        assertKill("", "kill: invalid argument F\n" + USAGE, 1, "-FOO", "2");
        assertKill("", "kill: invalid argument s\n" + USAGE, 1, "-s");
        assertKill("", "kill: invalid argument s\n" + USAGE, 1, "--signal");
        assertKill("", "kill: invalid argument \n" + USAGE, 1, "--bad");
        assertKill("", "kill: invalid argument L\n" + USAGE, 1, "--table=x");
        assertKill(USAGE, "", 0, "-h");
        assertKill(USAGE, "", 0, "--help");
        assertEquals(List.of(), calls);
    }

    @Test
    void negativePidsNeedASignalBeforeThem() {
        assertKill("", USAGE, 1, "--", "-1");
        assertKill("", "", 0, "-9", "--", "-1");
        assertKill("", "", 0, "-9", "-1", "3");
        assertKill("", "kill: (-2): No such process\n", 1, "-9", "-2");
        assertEquals(List.of("-1 9", "-1 9", "-2 9"), calls);
    }
}
