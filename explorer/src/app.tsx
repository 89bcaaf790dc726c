import { setLocale, t, useLocale } from './i18n/i18n';
import type { MessageKey } from './i18n/zh';
import { useLocation } from './router';
import { Link } from './components/ui';
import { SignInControl } from './auth/sign-in';
import { HomeView } from './views/home';
import { SearchView } from './views/search';
import { EntityView } from './views/entity';
import { ExpertsView } from './views/experts';
import { PartnersView } from './views/partners';
import { DemandsView, DemandView } from './views/demands';
import { DemandFormView } from './views/demand-form';
import { ChainView } from './views/chain';
import { ConnectView } from './views/connect';
import { ValleyView } from './views/valley';

const NAVIGATION: Array<{ path: string; label: MessageKey }> = [
  { path: '/search', label: 'nav.search' },
  { path: '/experts', label: 'nav.experts' },
  { path: '/partners', label: 'nav.partners' },
  { path: '/demands', label: 'nav.demands' },
  { path: '/chain', label: 'nav.chain' },
  { path: '/connect', label: 'nav.connect' },
  { path: '/valley', label: 'nav.valley' },
];

function View({ segments }: { segments: string[] }) {
  switch (segments[0]) {
    case undefined:
      return <HomeView />;
    case 'search':
      return <SearchView />;
    case 'entity':
      return <EntityView />;
    case 'experts':
      return <ExpertsView />;
    case 'partners':
      return <PartnersView />;
    case 'demands':
      if (segments[1] === 'new') return <DemandFormView />;
      return segments[1] ? <DemandView /> : <DemandsView />;
    case 'chain':
      return <ChainView />;
    case 'connect':
      return <ConnectView />;
    case 'valley':
      return <ValleyView />;
    default:
      return <HomeView />;
  }
}

export function App() {
  const locale = useLocale();
  const { segments } = useLocation();
  const current = `/${segments[0] ?? ''}`;
  return (
    <>
      <a class="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header class="top">
        <Link href="/" class="brand">
          {t('app.title')}
        </Link>
        <nav aria-label={t('nav.main')}>
          <ul>
            {NAVIGATION.map((item) => (
              <li key={item.path}>
                <Link href={item.path} aria-current={current === item.path ? 'page' : undefined}>
                  {t(item.label)}
                </Link>
              </li>
            ))}
            <li>
              <a href="/graphiql">{t('nav.graphiql')}</a>
            </li>
          </ul>
        </nav>
        <div class="top-tools">
          <button type="button" class="link-button" onClick={() => setLocale(locale === 'zh' ? 'en' : 'zh')}>
            <span lang={locale === 'zh' ? 'en' : 'zh-CN'}>{t('lang.switch')}</span>
            <span class="visually-hidden">（{t('lang.switchLabel')}）</span>
          </button>
          <SignInControl />
        </div>
      </header>
      <main id="main" tabIndex={-1} key={locale}>
        <View segments={segments} />
      </main>
    </>
  );
}
