package io.comeback.audience;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** Something a customer did that shows interest: a site visit, a link click, an e-mail opened, … */
@Entity
@Table(name = "engagement_events")
public class EngagementEvent extends PanacheEntityBase {

    public static final String SITE_VISIT = "site_visit";
    public static final String LINK_CLICK = "link_click";
    public static final String EMAIL_OPEN = "email_open";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "customer_id")
    public Long customerId;

    public String type;
    public Instant at;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> properties;

    @Column(name = "created_at", updatable = false)
    public Instant createdAt;
}
