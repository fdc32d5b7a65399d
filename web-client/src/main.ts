import './styles.css';
import { createApp } from './app';
import { mountAccountPage } from './pages/accountPage';
import { mountClubPage } from './pages/clubPage';
import { mountClubsPage } from './pages/clubsPage';
import { mountHallwayPage } from './pages/hallwayPage';
import { mountModerationPage } from './pages/moderationPage';
import { mountNoticesPage } from './pages/noticesPage';
import type { Page } from './pages/page';
import { mountProfilePage } from './pages/profilePage';
import { mountRoomPage } from './pages/roomPage';
import { mountSignInPage } from './pages/signInPage';
import { needsSession, signInPath } from './router';
import { h } from './ui/dom';
import { siteHeader } from './ui/header';
import { followPushWorker } from './ui/unreadNotices';

const root = document.getElementById('app') as HTMLElement;
const app = createApp();
followPushWorker();
let page: Page | null = null;

app.router.start((route, state) => {
  page?.destroy();
  page = null;
  if (needsSession(route) && !app.session.get()) {
    app.router.navigate(signInPath(app.router.currentPath), { replace: true });
    return;
  }
  switch (route.name) {
    case 'signin':
      page = mountSignInPage(root, app, route.next);
      break;
    case 'hallway':
      page = mountHallwayPage(root, app);
      break;
    case 'room':
      page = mountRoomPage(root, app, route.roomId, state.autoJoin === true);
      break;
    case 'notices':
      page = mountNoticesPage(root, app);
      break;
    case 'moderation':
      page = mountModerationPage(root, app);
      break;
    case 'clubs':
      page = mountClubsPage(root, app);
      break;
    case 'club':
      page = mountClubPage(root, app, route.clubId);
      break;
    case 'user':
      page = mountProfilePage(root, app, route.userId);
      break;
    case 'account':
      page = mountAccountPage(root, app);
      break;
    case 'not-found':
      root.replaceChildren(
        siteHeader(app),
        h('main', {}, h('h1', {}, 'Nothing here'), h('p', {}, h('a', { href: '/' }, 'Back to the hallway'))),
      );
      page = { destroy: () => root.replaceChildren() };
      break;
  }
});
