package dev.tribune.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.PUT;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StaffTest extends StaffSessions {

    @Test
    void theConfiguredAdminIsAdminStaffAndMostPeopleAreNot() {
        assertThat(get("/api/v1/me", staffAdmin())).containsEntry("staffRole", "ADMIN");
        Map<String, Object> me = get("/api/v1/me", register("plain"));
        assertThat(me).containsKey("staffRole").containsEntry("staffRole", null);
        assertThat(get("/api/v1/me", guest())).containsEntry("staffRole", null);
    }

    @Test
    void anAdminNamesAndRemovesStaffAndTheStaffListShowsThem() {
        Session admin = staffAdmin();
        Session mod = register("staffmod");
        Map<String, Object> named = call(PUT, "/api/v1/staff/" + mod.userId(), admin, Map.of("role", "MODERATOR"), 200);
        assertThat(named).containsEntry("role", "MODERATOR");
        assertThat(get("/api/v1/me", mod)).containsEntry("staffRole", "MODERATOR");
        assertThat(staffIds(mod)).contains(mod.userId().toString(), admin.userId().toString());

        call(DELETE, "/api/v1/staff/" + mod.userId(), admin, null, 204);
        assertThat(get("/api/v1/me", mod)).containsEntry("staffRole", null);
        assertThat(staffIds(admin)).doesNotContain(mod.userId().toString());
    }

    @Test
    void onlyAnAdminNamesStaffAndOnlyStaffSeeTheList() {
        Session admin = staffAdmin();
        Session mod = register("staffmod");
        Session someone = register("someone");
        call(PUT, "/api/v1/staff/" + mod.userId(), admin, Map.of("role", "MODERATOR"), 200);

        call(PUT, "/api/v1/staff/" + someone.userId(), mod, Map.of("role", "MODERATOR"), 403);
        call(PUT, "/api/v1/staff/" + someone.userId(), someone, Map.of("role", "ADMIN"), 403);
        call(DELETE, "/api/v1/staff/" + admin.userId(), mod, null, 403);
        call(GET, "/api/v1/staff", someone, null, 403);
        call(GET, "/api/v1/staff", guest(), null, 403);
        call(GET, "/api/v1/staff", null, null, 401);
        assertThat(get("/api/v1/me", someone)).containsEntry("staffRole", null);
    }

    @Test
    void badInputIsAProblemNotAFailure() {
        Session admin = staffAdmin();
        Session someone = register("someone");
        call(PUT, "/api/v1/staff/" + someone.userId(), admin, Map.of("role", "OWNER"), 400);
        call(PUT, "/api/v1/staff/" + someone.userId(), admin, Map.of(), 400);
        call(PUT, "/api/v1/staff/not-a-uuid", admin, Map.of("role", "ADMIN"), 400);
        call(PUT, "/api/v1/staff/" + UUID.randomUUID(), admin, Map.of("role", "ADMIN"), 404);
        call(PUT, "/api/v1/staff/" + guest().userId(), admin, Map.of("role", "MODERATOR"), 404);
    }

    @SuppressWarnings("unchecked")
    private List<String> staffIds(Session as) {
        return ((List<Map<String, Object>>) get("/api/v1/staff", as).get("items")).stream()
                .map(m -> (String) ((Map<String, Object>) m.get("user")).get("id")).toList();
    }
}
