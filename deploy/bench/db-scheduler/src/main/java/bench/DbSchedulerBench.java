package bench;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

/**
 * db-scheduler executing one-time tasks that each "send a text": one committed INSERT into a
 * simulator table, the same gateway work Comeback's simulator does per message. Seeds {@code waiting}
 * tasks in the future, makes {@code due} of them due at once, and reports tasks/s until all are done.
 *
 * Usage: DbSchedulerBench jdbcUrl user password waiting due threads
 */
public final class DbSchedulerBench {

    public static void main(String[] args) throws Exception {
        String url = args[0], user = args[1], password = args[2];
        int waiting = Integer.parseInt(args[3]), due = Integer.parseInt(args[4]), threads = Integer.parseInt(args[5]);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(threads + 4);
        try (HikariDataSource ds = new HikariDataSource(config)) {
            seed(ds, waiting, due);
            OneTimeTask<Void> send = Tasks.oneTime("send").execute((instance, context) -> {
                // Exactly what Comeback's simulator gateway does per message: its own transaction, commit not awaited.
                try (Connection c = ds.getConnection();
                     PreparedStatement st = c.prepareStatement("INSERT INTO dbs_gateway (task_instance, at) VALUES (?, now())")) {
                    c.setAutoCommit(false);
                    try (Statement local = c.createStatement()) {
                        local.execute("SET LOCAL synchronous_commit = off");
                    }
                    st.setString(1, instance.getId());
                    st.executeUpdate();
                    c.commit();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Scheduler scheduler = Scheduler.create(ds, send)
                    .threads(threads)
                    .pollingInterval(Duration.ofMillis(100))
                    .pollUsingLockAndFetch(0.5, 3.0)
                    .build();
            scheduler.start();
            long t0 = System.nanoTime();
            try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE scheduled_tasks SET execution_time = now() WHERE task_instance LIKE 'due-%'");
            }
            while (count(ds) < due) {
                Thread.sleep(100);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            scheduler.stop();
            System.out.printf("db-scheduler 16.7.1: %d waiting, %d due, %d threads: %.1f s, %.0f tasks/s%n",
                    waiting, due, threads, seconds, due / seconds);
        }
    }

    private static void seed(HikariDataSource ds, int waiting, int due) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS scheduled_tasks, dbs_gateway");
            st.execute("""
                    CREATE TABLE scheduled_tasks (
                      task_name TEXT NOT NULL, task_instance TEXT NOT NULL, task_data BYTEA,
                      execution_time TIMESTAMPTZ NOT NULL, picked BOOLEAN NOT NULL, picked_by TEXT,
                      last_success TIMESTAMPTZ, last_failure TIMESTAMPTZ, consecutive_failures INT,
                      last_heartbeat TIMESTAMPTZ, version BIGINT NOT NULL, priority SMALLINT,
                      PRIMARY KEY (task_name, task_instance))""");
            st.execute("CREATE TABLE dbs_gateway (id BIGSERIAL PRIMARY KEY, task_instance TEXT NOT NULL, at TIMESTAMPTZ NOT NULL)");
            // Due tasks start in the future too and are all made due by one statement, as in Comeback's run.
            st.execute("INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, version) "
                    + "SELECT 'send', CASE WHEN g <= " + due + " THEN 'due-' ELSE 'wait-' END || g, "
                    + "now() + interval '30 days', false, 1 FROM generate_series(1, " + Math.max(waiting, due) + ") g");
            st.execute("CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time)");
            st.execute("CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat)");
            st.execute("CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC)");
            st.execute("ANALYZE scheduled_tasks");
        }
    }

    private static long count(HikariDataSource ds) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM dbs_gateway")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
