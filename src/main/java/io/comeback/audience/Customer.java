package io.comeback.audience;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A person the shop may text. Order facts are maintained by {@link OrderStore} as orders arrive. An erased
 * customer keeps the row (order counts and totals stay in reports) with nothing that identifies the person
 * ({@code privacy.PersonErasure}).
 */
@Entity
@Table(name = "customers")
public class Customer extends PanacheEntityBase {

    @Id
    public Long id;

    @Column(name = "external_id")
    public String externalId;

    public String phone;

    @Column(name = "first_name")
    public String firstName;

    @Column(name = "last_name")
    public String lastName;

    public String email;
    public String locale;

    @Column(name = "time_zone")
    public String timeZone;

    public LocalDate birthday;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> attributes;

    @Column(name = "consent_status")
    public String consentStatus;

    @Column(name = "consent_source")
    public String consentSource;

    @Column(name = "consent_text")
    public String consentText;

    @Column(name = "consent_at")
    public Instant consentAt;

    @Column(name = "orders_count")
    public int ordersCount;

    @Column(name = "first_order_at")
    public Instant firstOrderAt;

    @Column(name = "last_order_at")
    public Instant lastOrderAt;

    @Column(name = "total_spent")
    public BigDecimal totalSpent;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "erased_at")
    public Instant erasedAt;

    public static Optional<Customer> findLiving(String externalId) {
        return find("externalId = ?1 and erasedAt is null", externalId).firstResultOptional();
    }

    public static Optional<Customer> findByPhone(String e164) {
        return find("phone = ?1 and erasedAt is null", e164).firstResultOptional();
    }
}
