import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.neo4j.cli.AdminTool;
import org.neo4j.cli.ExecutionContext;

/**
 * Runs {@code neo4j-admin dbms set-initial-password} in this process with the
 * password read from standard input (UTF-8, one trailing newline dropped), so the
 * password never appears on any process's command line.
 *
 * <p>Usage: {@code java -cp <neo4j jars> SetInitialPassword.java <home-dir> <conf-dir>}
 * (Java's source-file mode: no build step). It writes {@code data/dbms/auth.ini}
 * (a salted hash), which the server applies when it starts for the first time.
 */
public final class SetInitialPassword {
    private SetInitialPassword() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: SetInitialPassword <home-dir> <conf-dir>  (password on stdin)");
            System.exit(64);
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.in.transferTo(buf);
        String password = buf.toString(StandardCharsets.UTF_8);
        if (password.endsWith("\n")) {
            password = password.substring(0, password.length() - 1);
        }
        ExecutionContext ctx = new ExecutionContext(Path.of(args[0]), Path.of(args[1]));
        System.exit(AdminTool.execute(ctx, "dbms", "set-initial-password", "--", password));
    }
}
