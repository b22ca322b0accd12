package io.comeback.enrollment;

/** A lifecycle change the campaign's state does not allow (start twice, resume a cancelled one); web answers 409. */
public class CampaignRefused extends RuntimeException {

    public CampaignRefused(String detail) {
        super(detail);
    }
}
