import { t } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh';
import { Link } from '../components/ui';
import { SearchForm } from './search';

const JOURNEYS: Array<{ path: string; title: MessageKey; text: MessageKey }> = [
  { path: '/experts', title: 'nav.experts', text: 'home.experts' },
  { path: '/partners', title: 'nav.partners', text: 'home.partners' },
  { path: '/demands', title: 'nav.demands', text: 'home.demands' },
  { path: '/chain', title: 'nav.chain', text: 'home.chain' },
  { path: '/connect', title: 'nav.connect', text: 'home.connect' },
  { path: '/valley', title: 'nav.valley', text: 'home.valley' },
];

export function HomeView() {
  return (
    <section aria-labelledby="home-title">
      <h1 id="home-title">{t('app.title')}</h1>
      <p class="lead">{t('home.lead')}</p>
      <SearchForm />
      <ul class="journeys">
        {JOURNEYS.map((journey) => (
          <li key={journey.path} class="card">
            <h2>
              <Link href={journey.path}>{t(journey.title)}</Link>
            </h2>
            <p>{t(journey.text)}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
