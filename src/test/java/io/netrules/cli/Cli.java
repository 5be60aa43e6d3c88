package io.netrules.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the picocli command in-process and keeps what it printed (for the tests of every package). */
public record Cli(int status, String out, String err) {
    public static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int status = cl.execute(args);
        return new Cli(status, out.toString(), err.toString());
    }
}
