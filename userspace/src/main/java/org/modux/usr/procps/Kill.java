package org.modux.usr.procps;

import java.util.ArrayList;
import java.util.List;

import org.modux.uapi.ErrnoException;

/**
 * kill (procps-ng 4.0.2, Debian's /usr/bin/kill, kill(1); procps: src/kill.c):
 * {@code kill [-s SIGNAL | -SIGNAL] PID...}, {@code kill -l [SIGNAL]},
 * {@code kill -L}, with procps' messages. As procps does, the first word that reads
 * as "-SIGNAL" is taken out before the options are parsed (so {@code kill -- -1}
 * takes -1 for SIGHUP and has no pid left, while {@code kill -9 -- -1} signals pid
 * -1); options may follow the pids; a pid that cannot be signalled is reported and
 * the rest still are. A word such as -1 where an option is expected is a negative
 * pid, and kill stops after it: procps 4.0.2 reads only its first digit there and
 * reports success as failure, where this reads the whole number and reports it as
 * any other pid. -q (sigqueue) and -V are not there.
 */
public final class Kill {

    /** kill's default signal. */
    private static final int SIGTERM = 15;

    /** kill(2), which kill calls for each pid. */
    @FunctionalInterface
    public interface Syscall {
        void kill(int pid, int sig) throws ErrnoException;
    }

    /** What kill printed on standard output and standard error, and its exit status. */
    public record Result(String out, String err, int status) {
    }

    /** A long option: its name and the short option it stands for. */
    private record LongOption(String name, char val) {
    }

    private static final List<LongOption> LONG_OPTIONS = List.of(new LongOption("list", 'l'),
            new LongOption("table", 'L'), new LongOption("signal", 's'), new LongOption("help", 'h'));

    /** {@code print_usage}. */
    static final String USAGE = "\nUsage:\n kill [options] <pid> [...]\n\nOptions:\n"
            + " <pid> [...]            send signal to every <pid> listed\n"
            + " -<signal>, -s, --signal <signal>\n"
            + "                        specify the <signal> to be sent\n"
            + " -l, --list=[<signal>]  list all signal names, or convert one to a name\n"
            + " -L, --table            list all signal names in a nice table\n"
            + "\n"
            + " -h, --help     display this help and exit\n"
            + "\n"
            + "For more details see kill(1).\n";

    private final Syscall syscall;
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder err = new StringBuilder();
    private int signo;

    private Kill(Syscall syscall) {
        this.syscall = syscall;
    }

    /** Runs kill with {@code args}, calling {@code syscall} for each pid. */
    public static Result run(Syscall syscall, String... args) {
        return new Kill(syscall).main(new ArrayList<>(List.of(args)));
    }

    private Result main(List<String> args) {
        if (args.isEmpty()) {
            return usage(err, 1);
        }
        signo = sigOption(args);
        if (signo < 0) {
            signo = SIGTERM;
        }
        List<String> pids = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) {
                pids.addAll(args.subList(i + 1, args.size()));
                break;
            }
            if (a.startsWith("--")) {
                int eq = a.indexOf('=');
                String name = eq < 0 ? a.substring(2) : a.substring(2, eq);
                String value = eq < 0 ? null : a.substring(eq + 1);
                LongOption o = longOption(name);
                if (o == null) {
                    return invalid((char) 0);
                }
                if (o.val() == 'l') {
                    return list(value != null ? value : nextWord(args, i));
                }
                if (o.val() == 's') {
                    if (value == null && i + 1 >= args.size()) {
                        return invalid('s');
                    }
                    signo = SignalNames.number(value != null ? value : args.get(++i));
                    continue;
                }
                if (value != null) {
                    return invalid(o.val());
                }
                return o.val() == 'L' ? table() : usage(out, 0);
            }
            if (!a.startsWith("-") || a.length() == 1) {
                pids.add(a);
                continue;
            }
            for (int k = 1; k < a.length(); k++) {
                char c = a.charAt(k);
                String rest = a.substring(k + 1);
                switch (c) {
                    case 'l':
                        return list(!rest.isEmpty() ? rest : nextWord(args, i));
                    case 'L':
                        return table();
                    case 'h':
                        return usage(out, 0);
                    case 's':
                        if (rest.isEmpty() && i + 1 >= args.size()) {
                            return invalid('s');
                        }
                        signo = SignalNames.number(!rest.isEmpty() ? rest : args.get(++i));
                        k = a.length();
                        break;
                    default:
                        if (c >= '0' && c <= '9') {
                            return negativePid(a);
                        }
                        return invalid(c);
                }
            }
        }
        if (pids.isEmpty()) {
            return usage(err, 1);
        }
        int status = 0;
        for (String p : pids) {
            Long pid = parsePid(p);
            if (pid == null) {
                return result(1);
            }
            if (!send(pid)) {
                status = 1;
            }
        }
        return result(status);
    }

    /**
     * {@code skill_sig_option}: the first word "-X" whose X is a signal ("-9",
     * "-KILL", "-SIGKILL", "-RTMIN+1", "-0") is removed and its signal returned; -1
     * when there is none.
     */
    private static int sigOption(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("-")) {
                int sig = SignalNames.number(a.substring(1));
                if (sig >= 0) {
                    args.remove(i);
                    return sig;
                }
            }
        }
        return -1;
    }

    /** getopt_long's match: the exact name, else the only one it begins. */
    private static LongOption longOption(String name) {
        List<LongOption> prefixed = new ArrayList<>();
        for (LongOption o : LONG_OPTIONS) {
            if (o.name().equals(name)) {
                return o;
            }
            if (!name.isEmpty() && o.name().startsWith(name)) {
                prefixed.add(o);
            }
        }
        return prefixed.size() == 1 ? prefixed.get(0) : null;
    }

    /** -l's argument when it has none of its own: the next word, unless it is an option. */
    private static String nextWord(List<String> args, int i) {
        return i + 1 < args.size() && !args.get(i + 1).startsWith("-") ? args.get(i + 1) : null;
    }

    /** -l: every name, or one signal converted; an unknown one is a warning, and kill still succeeds. */
    private Result list(String signal) {
        if (signal == null) {
            out.append(SignalNames.list());
            return result(0);
        }
        String converted = SignalNames.convert(signal);
        if (converted == null) {
            err.append("kill: unknown signal name ").append(signal).append('\n');
        } else {
            out.append(converted).append('\n');
        }
        return result(0);
    }

    private Result table() {
        out.append(SignalNames.table());
        return result(0);
    }

    /** An option kill does not know, or one without its argument: the letter, then the usage. */
    private Result invalid(char c) {
        err.append("kill: invalid argument ").append(c == 0 ? "" : String.valueOf(c)).append('\n');
        return usage(err, 1);
    }

    private Result usage(StringBuilder to, int status) {
        to.append(USAGE);
        return result(status);
    }

    /** A negative pid where an option was expected: signalled alone, then kill ends. */
    private Result negativePid(String word) {
        Long pid = parsePid(word);
        return result(pid != null && send(pid) ? 0 : 1);
    }

    /** {@code strtol_or_err}: the pid, or null after the message. */
    private Long parsePid(String word) {
        try {
            return Strtol.parse(word);
        } catch (NumberFormatException e) {
            err.append("kill: failed to parse argument: '").append(word).append("'\n");
        } catch (ArithmeticException e) {
            err.append("kill: failed to parse argument: '").append(word).append("': Numerical result out of range\n");
        }
        return null;
    }

    /** kill(2) on {@code pid} (cut to a pid_t, as C casts it); false after reporting its error. */
    private boolean send(long pid) {
        try {
            syscall.kill((int) pid, signo);
            return true;
        } catch (ErrnoException e) {
            err.append("kill: (").append(pid).append("): ").append(e.errno().message()).append('\n');
            return false;
        }
    }

    private Result result(int status) {
        return new Result(out.toString(), err.toString(), status);
    }
}
