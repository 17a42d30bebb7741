package org.modux.usr.kmod;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * modprobe's configuration (modprobe.d(5); kmod: libkmod/libkmod-config.c): the
 * *.conf files of /etc/modprobe.d, /run/modprobe.d, /usr/local/lib/modprobe.d,
 * /usr/lib/modprobe.d and /lib/modprobe.d (a name already seen in an earlier
 * directory is skipped), with the module directory's modules.softdep and
 * modules.weakdep, all parsed in the byte order of their base names; then the
 * kernel command line's {@code module.param=value} options and
 * {@code modprobe.blacklist=a,b}.
 *
 * <p>Syntax: one command per line, '\' joins the next line, '#' in the first
 * column starts a comment, words are separated by spaces and tabs, module names
 * have '-' as '_'. Commands: {@code alias PATTERN MODULE}, {@code blacklist
 * MODULE}, {@code options MODULE OPTION...}, {@code install MODULE COMMAND...},
 * {@code remove MODULE COMMAND...}, {@code softdep MODULE pre: A... post: B...},
 * {@code weakdep MODULE A...}; anything else is reported as libkmod does and
 * skipped.
 */
public final class ModprobeConfig {

    /** The configuration directories, in precedence order (kmod's defaults with DISTCONFDIR /usr/lib). */
    public static final List<String> DIRECTORIES = List.of("/etc/modprobe.d", "/run/modprobe.d",
            "/usr/local/lib/modprobe.d", "/usr/lib/modprobe.d", "/lib/modprobe.d");

    public record Alias(String pattern, String modname) {
    }

    public record Options(String modname, String options) {
    }

    public record Command(String modname, String command) {
    }

    public record Softdep(String modname, List<String> pre, List<String> post) {
    }

    public record Weakdep(String modname, List<String> weak) {
    }

    public final List<Alias> aliases = new ArrayList<>();
    public final List<String> blacklist = new ArrayList<>();
    public final List<Options> options = new ArrayList<>();
    public final List<Command> install = new ArrayList<>();
    public final List<Command> remove = new ArrayList<>();
    public final List<Softdep> softdeps = new ArrayList<>();
    public final List<Weakdep> weakdeps = new ArrayList<>();

    /**
     * {@code kmod_config_new}: reads every configuration file below {@code root}
     * and the kernel command line {@code cmdline} (null for none).
     *
     * @param dirname the module directory, e.g. /lib/modules/0.1.0-modux
     * @param err     receives libkmod's error messages
     */
    public static ModprobeConfig load(Path root, String dirname, String cmdline, Consumer<String> err) {
        ModprobeConfig config = new ModprobeConfig();
        Map<String, Path> files = new TreeMap<>();
        files.put("modules.softdep", file(root, dirname).resolve("modules.softdep"));
        files.put("modules.weakdep", file(root, dirname).resolve("modules.weakdep"));
        for (String dir : DIRECTORIES) {
            Path d = file(root, dir);
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(d)) {
                for (Path p : entries) {
                    String name = p.getFileName().toString();
                    if (name.startsWith(".") || !name.endsWith(".conf") || name.length() < 6) {
                        continue;
                    }
                    if (Files.isDirectory(p)) {
                        err.accept("Directories inside directories are not supported: " + dir + "/" + name);
                        continue;
                    }
                    files.putIfAbsent(name, p);
                }
            } catch (IOException e) {
                err.accept("opendir(" + dir + "): " + Errnos.of(e).message());
            }
        }
        for (Map.Entry<String, Path> f : files.entrySet()) {
            String text;
            try {
                text = Files.readString(f.getValue(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                continue;
            }
            config.parse(display(root, f.getValue()), text, err);
        }
        if (cmdline != null) {
            config.parseKcmdline(cmdline, err);
        }
        return config;
    }

    private static Path file(Path root, String absolute) {
        return root.resolve(absolute.substring(1));
    }

    /** The file's name as a user sees it: its absolute path below {@code root}. */
    private static String display(Path root, Path file) {
        StringBuilder s = new StringBuilder();
        for (Path part : root.relativize(file)) {
            s.append('/').append(part);
        }
        return s.toString();
    }

    /** {@code kmod_config_parse}: adds the commands of one file. */
    public void parse(String filename, String text, Consumer<String> err) {
        int linenum = 0;
        int i = 0;
        while (i < text.length()) {
            StringBuilder line = new StringBuilder();
            // freadline_wrapped: "\\\n" joins lines; '\' before anything else is dropped.
            while (i < text.length()) {
                char c = text.charAt(i++);
                if (c == '\n') {
                    linenum++;
                    break;
                }
                if (c == '\\') {
                    if (i >= text.length()) {
                        break;
                    }
                    char next = text.charAt(i++);
                    if (next == '\n') {
                        linenum++;
                        continue;
                    }
                    c = next;
                }
                line.append(c);
            }
            if (i >= text.length() && !text.endsWith("\n") && !line.isEmpty()) {
                linenum++;
            }
            parseLine(filename, linenum, line.toString(), err);
        }
    }

    private void parseLine(String filename, int linenum, String line, Consumer<String> err) {
        if (line.isEmpty() || line.charAt(0) == '#') {
            return;
        }
        Tokens t = new Tokens(line);
        String cmd = t.next();
        if (cmd == null) {
            return;
        }
        boolean ok = switch (cmd) {
            case "alias" -> {
                String alias = Names.underscores(t.next());
                String modname = Names.underscores(t.next());
                if (alias == null || modname == null) {
                    yield false;
                }
                aliases.add(new Alias(alias, modname));
                yield true;
            }
            case "blacklist" -> {
                String modname = Names.underscores(t.next());
                if (modname == null) {
                    yield false;
                }
                blacklist.add(modname);
                yield true;
            }
            case "options", "install", "remove", "softdep", "weakdep" -> {
                String modname = Names.underscores(t.next());
                String rest = t.rest();
                if (modname == null || rest == null) {
                    yield false;
                }
                switch (cmd) {
                    case "options" -> options.add(new Options(modname, rest.replace('\t', ' ')));
                    case "install" -> install.add(new Command(modname, rest));
                    case "remove" -> remove.add(new Command(modname, rest));
                    case "softdep" -> softdeps.add(softdep(modname, rest));
                    default -> weakdeps.add(new Weakdep(modname, List.of(rest.strip().split("\\s+"))));
                }
                yield true;
            }
            case "include", "config" -> {
                err.accept(filename + ": command " + cmd + " is deprecated and not parsed anymore");
                yield true;
            }
            default -> false;
        };
        if (!ok) {
            err.accept(filename + " line " + linenum + ": ignoring bad line starting with '" + cmd + "'");
        }
    }

    /** {@code kmod_config_add_softdep}: words after "pre:" load before, after "post:" after; others are ignored. */
    private static Softdep softdep(String modname, String line) {
        List<String> pre = new ArrayList<>();
        List<String> post = new ArrayList<>();
        List<String> mode = null;
        for (String w : line.strip().split("\\s+")) {
            if (w.equals("pre:")) {
                mode = pre;
            } else if (w.equals("post:")) {
                mode = post;
            } else if (mode != null && !w.isEmpty()) {
                mode.add(w);
            }
        }
        return new Softdep(modname, List.copyOf(pre), List.copyOf(post));
    }

    /**
     * {@code kmod_config_parse_kcmdline}: each {@code module.param[=value]} word of
     * the kernel command line is an {@code options} line for that module, added
     * after every file; {@code modprobe.blacklist=a,b} blacklists modules. Double
     * quotes may hold spaces in a value.
     */
    public void parseKcmdline(String cmdline, Consumer<String> err) {
        for (String word : kernelWords(cmdline)) {
            if (word.startsWith("\"")) {
                // A bootloader's "mod.param=value with spaces": quote the value instead, as kmod does.
                int eq = word.indexOf('=');
                word = eq < 0 ? word.substring(1) : word.substring(1, eq + 1) + "\"" + word.substring(eq + 1);
            }
            int dot = word.indexOf('.');
            int eq = word.indexOf('=');
            if (dot <= 0 || (eq >= 0 && eq < dot) || dot == word.length() - 1) {
                continue;
            }
            String modname = word.substring(0, dot);
            String param = word.substring(dot + 1);
            String paramName = eq < 0 ? param : word.substring(dot + 1, eq);
            if (paramName.contains(".") || paramName.contains("\"") || modname.contains("\"")) {
                continue;
            }
            if (modname.equals("modprobe") && param.startsWith("blacklist=")) {
                blacklist.addAll(List.of(param.substring("blacklist=".length()).split(",", -1)));
                continue;
            }
            String normalized = Names.underscores(modname);
            if (normalized == null) {
                err.accept("Ignoring bad option on kernel command line while parsing module name: '" + modname + "'");
                continue;
            }
            options.add(new Options(normalized, param));
        }
    }

    /** The words of a command line, split at blanks outside double quotes (quotes kept, as kmod keeps them). */
    private static List<String> kernelWords(String cmdline) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean quoted = false;
        for (char c : cmdline.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (!quoted && Character.isWhitespace(c)) {
                if (!w.isEmpty()) {
                    words.add(w.toString());
                    w.setLength(0);
                }
            } else {
                w.append(c);
            }
        }
        if (!w.isEmpty()) {
            words.add(w.toString());
        }
        return words;
    }

    /** The options configured for {@code name} or for the alias it was found by, joined by spaces; null if none. */
    public String optionsFor(String name, String alias) {
        StringBuilder out = new StringBuilder();
        for (Options o : options) {
            if ((o.modname().equals(name) || o.modname().equals(alias)) && !o.options().isEmpty()) {
                if (!out.isEmpty()) {
                    out.append(' ');
                }
                out.append(o.options());
            }
        }
        return out.isEmpty() ? null : out.toString();
    }

    /** Whether {@code name} is blacklisted ({@code module_is_blacklisted}: exact name). */
    public boolean isBlacklisted(String name) {
        return blacklist.contains(name);
    }

    /** The first install command whose pattern matches {@code name}, or null. */
    public String installCommand(String name) {
        return install.stream().filter(c -> Fnmatch.matches(c.modname(), name)).map(Command::command).findFirst()
                .orElse(null);
    }

    /** The first remove command whose pattern matches {@code name}, or null. */
    public String removeCommand(String name) {
        return remove.stream().filter(c -> Fnmatch.matches(c.modname(), name)).map(Command::command).findFirst()
                .orElse(null);
    }

    /** The first softdep whose pattern matches {@code name}, or null. */
    public Softdep softdepFor(String name) {
        return softdeps.stream().filter(s -> Fnmatch.matches(s.modname(), name)).findFirst().orElse(null);
    }

    /** strtok_r over spaces and tabs, and the untokenized rest of the line. */
    private static final class Tokens {
        private final String s;
        private int pos;

        Tokens(String s) {
            this.s = s;
        }

        String next() {
            while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
                pos++;
            }
            if (pos >= s.length()) {
                return null;
            }
            int start = pos;
            while (pos < s.length() && s.charAt(pos) != ' ' && s.charAt(pos) != '\t') {
                pos++;
            }
            String word = s.substring(start, pos);
            if (pos < s.length()) {
                pos++;
            }
            return word;
        }

        /** strtok_r(NULL, "\0"): everything after the last word's delimiter; null when nothing is left. */
        String rest() {
            if (pos >= s.length()) {
                return null;
            }
            String r = s.substring(pos);
            pos = s.length();
            return r;
        }
    }
}
