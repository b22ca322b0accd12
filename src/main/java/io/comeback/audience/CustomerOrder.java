package io.comeback.audience;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A stored order. Named so because {@code Order} is a keyword in queries. */
@Entity
@Table(name = "orders")
public class CustomerOrder extends PanacheEntityBase {

    @Id
    public Long id;

    @Column(name = "order_id")
    public String orderId;

    @Column(name = "customer_id")
    public Long customerId;

    public BigDecimal total;
    public String currency;

    @Column(name = "placed_at")
    public Instant placedAt;

    @Column(name = "coupon_code")
    public String couponCode;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<Map<String, Object>> items;

    @Column(name = "created_at")
    public Instant createdAt;

    public static Optional<CustomerOrder> findByOrderId(String orderId) {
        return find("orderId", orderId).firstResultOptional();
    }
}
