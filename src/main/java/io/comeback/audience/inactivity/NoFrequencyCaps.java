package io.comeback.audience.inactivity;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

/** Until frequency caps exist (issue 5) nobody is capped; their implementation replaces this bean. */
@DefaultBean
@ApplicationScoped
public class NoFrequencyCaps implements FrequencyCaps {

    @Override
    public String cappedCondition(String flowId) {
        return "FALSE";
    }
}
