package dev.tribune.chat;

import dev.tribune.accounts.AuthenticatedUser;
import dev.tribune.stage.StageRole;
import dev.tribune.shared.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/rooms/{roomId}")
@Tag(name = "Chat")
class ChatController {

    private final ChatService chat;

    ChatController(ChatService chat) {
        this.chat = chat;
    }

    record SendRequest(@NotNull @Size(max = 2000) String text, UUID toUserId, StageRole toRole) {
    }

    @PostMapping("/messages")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Send to everyone, to one person (toUserId) or to a role (toRole); 429 beyond the limits")
    ChatService.Message send(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID roomId,
            @Valid @RequestBody SendRequest request) {
        return chat.send(caller, roomId, request.text(), request.toUserId(), request.toRole());
    }

    @GetMapping("/messages")
    @Operation(summary = "The messages the caller may see, newest first")
    Page<ChatService.Message> history(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID roomId,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) @Size(max = 500) String cursor) {
        return chat.history(caller, roomId, limit, cursor);
    }

    @DeleteMapping("/messages/{messageId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID roomId, @PathVariable UUID messageId) {
        chat.delete(caller, roomId, messageId);
    }

    @PutMapping("/participants/{userId}/chat-mute")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void chatMute(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID roomId, @PathVariable UUID userId) {
        chat.chatMute(caller, roomId, userId, true);
    }

    @DeleteMapping("/participants/{userId}/chat-mute")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void chatUnmute(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID roomId, @PathVariable UUID userId) {
        chat.chatMute(caller, roomId, userId, false);
    }
}
