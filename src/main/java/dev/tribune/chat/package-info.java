/** Room chat: broadcast, direct and role messages, history, deletion, chat mutes, and the limits that keep it civil. */
@ApplicationModule(displayName = "Chat")
package dev.tribune.chat;

import org.springframework.modulith.ApplicationModule;
