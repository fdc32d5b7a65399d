package dev.tribune.accounts;

import dev.tribune.shared.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.domain.Persistable;

@Entity
@Table(name = "users")
class User implements Persistable<UUID> {

    static final String DELETED_DISPLAY_NAME = "deleted user";

    @Id
    private UUID id;
    private String username;
    @Column(name = "display_name")
    private String displayName;
    @Column(name = "password_hash")
    private String passwordHash;
    private boolean guest;
    @Column(name = "suspended_until")
    private Instant suspendedUntil;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "password_changed_at")
    private Instant passwordChangedAt;
    @Column(name = "deleted_at")
    private Instant deletedAt;

    @Transient
    private boolean isNew;

    protected User() {
    }

    private User(String username, String displayName, String passwordHash, boolean guest, Instant now) {
        this.id = Ids.newId();
        this.username = username;
        this.displayName = displayName;
        this.passwordHash = passwordHash;
        this.guest = guest;
        this.createdAt = now;
        this.isNew = true;
    }

    static User registered(String username, String displayName, String passwordHash, Instant now) {
        return new User(username, displayName, passwordHash, false, now);
    }

    static User guest(String displayName, Instant now) {
        return new User(null, displayName, null, true, now);
    }

    void changePassword(String newHash, Instant now) {
        this.passwordHash = newHash;
        this.passwordChangedAt = now;
    }

    /** Erases what identifies the person; the row stays so their chat lines and reports keep an author. */
    void erase(Instant now) {
        this.username = null;
        this.displayName = DELETED_DISPLAY_NAME;
        this.passwordHash = null;
        this.deletedAt = now;
    }

    @Override
    public UUID getId() {
        return id;
    }

    @Override
    public boolean isNew() {
        return isNew;
    }

    String username() {
        return username;
    }

    String displayName() {
        return displayName;
    }

    String passwordHash() {
        return passwordHash;
    }

    boolean isGuest() {
        return guest;
    }

    boolean isDeleted() {
        return deletedAt != null;
    }

    Instant suspendedUntil() {
        return suspendedUntil;
    }
}
