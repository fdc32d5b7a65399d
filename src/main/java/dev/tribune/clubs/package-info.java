/** Topics and clubs: discovery, founders and admins, members, and followers. */
@org.springframework.modulith.ApplicationModule(displayName = "Clubs")
package dev.tribune.clubs;
