package org.modux.usr.bin;

import java.util.ArrayList;
import java.util.List;

/**
 * GNU {@code getopt_long} as the kmod tools call it: options may come anywhere
 * (the operands are permuted to the end), "--" ends them, short options cluster
 * ({@code -nv}), an option's argument is attached or the next word, long options
 * take {@code --name=value} or {@code --name value} and may be abbreviated to a
 * unique prefix. Errors are glibc's messages on standard error.
 */
final class Getopt {

    /** An option: its short letter (0 for long-only), long name (null for short-only), whether it takes an argument. */
    record Option(char shortName, String longName, boolean hasArg) {
    }

    /** One option found, with its argument. */
    record Found(Option option, String arg) {

        boolean is(char c) {
            return option.shortName() == c;
        }

        boolean is(String longName) {
            return longName.equals(option.longName());
        }
    }

    final List<Found> found = new ArrayList<>();
    final List<String> operands = new ArrayList<>();

    private Getopt() {
    }

    /** Parses {@code args}; null after printing the error when one is wrong. */
    static Getopt parse(String prog, List<Option> options, String... args) {
        Getopt g = new Getopt();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                for (int j = i + 1; j < args.length; j++) {
                    g.operands.add(args[j]);
                }
                break;
            }
            if (a.startsWith("--")) {
                int eq = a.indexOf('=');
                String name = eq < 0 ? a.substring(2) : a.substring(2, eq);
                Option o = longOption(options, name);
                if (o == null) {
                    Tool.fail(1, "%s: unrecognized option '%s'", prog, eq < 0 ? a : a.substring(0, eq));
                    return null;
                }
                String arg = eq < 0 ? null : a.substring(eq + 1);
                if (o.hasArg() && arg == null) {
                    if (i + 1 >= args.length) {
                        Tool.fail(1, "%s: option '--%s' requires an argument", prog, o.longName());
                        return null;
                    }
                    arg = args[++i];
                } else if (!o.hasArg() && arg != null) {
                    Tool.fail(1, "%s: option '--%s' doesn't allow an argument", prog, o.longName());
                    return null;
                }
                g.found.add(new Found(o, arg));
            } else if (a.startsWith("-") && a.length() > 1) {
                for (int k = 1; k < a.length(); k++) {
                    char c = a.charAt(k);
                    Option o = options.stream().filter(x -> x.shortName() == c).findFirst().orElse(null);
                    if (o == null) {
                        Tool.fail(1, "%s: invalid option -- '%c'", prog, c);
                        return null;
                    }
                    if (!o.hasArg()) {
                        g.found.add(new Found(o, null));
                        continue;
                    }
                    String arg;
                    if (k + 1 < a.length()) {
                        arg = a.substring(k + 1);
                    } else if (i + 1 < args.length) {
                        arg = args[++i];
                    } else {
                        Tool.fail(1, "%s: option requires an argument -- '%c'", prog, c);
                        return null;
                    }
                    g.found.add(new Found(o, arg));
                    break;
                }
            } else {
                g.operands.add(a);
            }
        }
        return g;
    }

    private static Option longOption(List<Option> options, String name) {
        Option prefix = null;
        int prefixes = 0;
        for (Option o : options) {
            if (o.longName() == null) {
                continue;
            }
            if (o.longName().equals(name)) {
                return o;
            }
            if (o.longName().startsWith(name)) {
                prefix = o;
                prefixes++;
            }
        }
        return prefixes == 1 ? prefix : null;
    }

    static Option opt(char c, String longName) {
        return new Option(c, longName, false);
    }

    static Option arg(char c, String longName) {
        return new Option(c, longName, true);
    }
}
