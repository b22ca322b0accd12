package io.comeback.flows;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Reloads the catalog when a file in the flows folder changes. Editors write a file in several
 * steps (truncate, write, rename), so changes are collected for a short quiet period first.
 */
@ApplicationScoped
public class FlowFolderWatcher {

    private static final Logger LOG = Logger.getLogger(FlowFolderWatcher.class);
    private static final long QUIET_MILLIS = 300;

    private final FlowCatalog catalog;
    private final Path folder;
    private final boolean enabled;
    private volatile WatchService watchService;

    public FlowFolderWatcher(FlowCatalog catalog, FlowsDirConfig folder, FlowsConfig config) {
        this.catalog = catalog;
        this.folder = Path.of(folder.folder());
        this.enabled = config.watch();
    }

    void onStart(@Observes StartupEvent event) {
        if (!enabled || !Files.isDirectory(folder)) {
            return;
        }
        try {
            watchService = FileSystems.getDefault().newWatchService();
            folder.register(
                    watchService,
                    StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
        } catch (IOException e) {
            LOG.warnf("Cannot watch %s (%s): use POST /api/flows/reload after editing flows", folder, e.getMessage());
            return;
        }
        Thread thread = new Thread(this::watch, "flow-folder-watcher");
        thread.setDaemon(true);
        thread.start();
        LOG.infof(
                "Watching %s for changes of flow files", folder.toAbsolutePath().normalize());
    }

    void onStop(@Observes ShutdownEvent event) throws IOException {
        if (watchService != null) {
            watchService.close();
        }
    }

    private void watch() {
        try {
            while (true) {
                WatchKey key = watchService.take();
                drain(key);
                // Swallow the rest of a burst of events before reloading once.
                WatchKey more;
                while ((more = watchService.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS)) != null) {
                    drain(more);
                }
                LOG.info("Flow folder changed: reloading the catalog");
                try {
                    catalog.reload();
                } catch (Throwable e) {
                    // Whatever one reload throws (an Error included), the thread must live on: a dead watcher
                    // would silently ignore every later edit of every flow.
                    LOG.error("Reloading flows failed; the previous catalog stays and the folder is still watched", e);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void drain(WatchKey key) {
        key.pollEvents();
        key.reset();
    }
}
