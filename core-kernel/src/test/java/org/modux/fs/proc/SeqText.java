package org.modux.fs.proc;

/** A SeqFile that collects what a /proc file prints, for tests that call its show method directly. */
public final class SeqText implements SeqFile {

    private final StringBuilder out = new StringBuilder();

    /** What {@code show} prints. */
    public static String of(SeqShow show) throws Exception {
        SeqText text = new SeqText();
        show.show(text);
        return text.toString();
    }

    @Override
    public SeqFile printf(String format, Object... args) {
        out.append(String.format(format, args));
        return this;
    }

    @Override
    public SeqFile puts(CharSequence s) {
        out.append(s);
        return this;
    }

    @Override
    public SeqFile putc(char c) {
        out.append(c);
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
