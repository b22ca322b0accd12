package io.comeback.enrollment;

import io.smallrye.config.ConfigMapping;

/**
 * {@code comeback.approval.*}: bursts that wait for a marketer's approval ({@link FlowApprovals}). Defaults are in
 * application.properties.
 */
@ConfigMapping(prefix = "comeback.approval")
public interface ApprovalConfig {

    /**
     * A detection pass entering more customers of one flow at once than this waits for approval, and so does an
     * import setting more in motion in one flow ({@link ImportApproval}); 0 or less: never.
     */
    int threshold();

    /** Customers an approval's preview lists. */
    int previewSize();
}
