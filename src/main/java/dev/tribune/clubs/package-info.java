/** Topics and clubs: discovery, founders and admins, members, and followers. */
@ApplicationModule(displayName = "Clubs")
package dev.tribune.clubs;

import org.springframework.modulith.ApplicationModule;
