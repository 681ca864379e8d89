package knowledge

import "testing"

func TestSmallTalkOf(t *testing.T) {
	tests := []struct {
		message string
		want    SmallTalk
	}{
		{"привіт", Greeting},
		{"Добрий день!", Greeting},
		{"Здравствуйте", Greeting},
		{"hello", Greeting},
		{"ало", Greeting},
		{"Алло, добрий день", Greeting},
		{"хелоу", Greeting},
		{"дякую", Thanks},
		{"Дуже дякую вам!", Thanks},
		{"спасибо большое", Thanks},
		{"thank you", Thanks},
		{"дякую велике, ви мені дуже допомогли!!", Thanks},
		{"дякс", Thanks},
		{"спс", Thanks},
		{"супер, дякую", Thanks},
		{"спасибо, вы мне очень помогли", Thanks},
		{"thanks a lot, you helped me", Thanks},
		{"Дякую вам велике, все вийшло!", Thanks},
		{"все вдалося, дякую", Thanks},
		{"все получилось, спасибо", Thanks},
		{"it worked, thank you", Thanks},
		{"Thank you very much for your help", Thanks},
		{"дякую за вашу допомогу", Thanks},
		{"дякую, синку", Thanks},
		{"Спасибі, донечко, дай Боже здоров’я", NotSmallTalk}, // a blessing is words of its own
		{"дякую, шановні", Thanks},
		{"спасибо, сынок", Thanks},
		{"thank you, dear", Thanks},
		{"добрий день, пані", Greeting},
		{"синку, де ЦНАП?", NotSmallTalk},
		{"не вийшло записатися", NotSmallTalk},
		{"все", NotSmallTalk},
		{"допоможіть мені", NotSmallTalk},
		{"мені погано", NotSmallTalk},
		{"перший клас", NotSmallTalk},
		{"дякую, до побачення", Farewell},
		{"бувайте", Farewell},
		{"ти бот?", AboutBot},
		{"Ви бот чи людина?", AboutBot},
		{"are you a bot", AboutBot},
		{"привіт, ти бот?", AboutBot},
		{"що ти вмієш?", AboutBot},
		{"а шо ви можете взагалі", AboutBot},
		{"что ты умеешь", AboutBot},
		{"what can you do?", AboutBot},
		{"what can you do about the pothole?", NotSmallTalk},
		{"what", NotSmallTalk},
		{"що ти можеш зробити з ямою?", NotSmallTalk},
		{"чи можете записати мене", NotSmallTalk},
		{"привіт, немає гарячої води", NotSmallTalk},
		{"дякую, а де ЦНАП?", NotSmallTalk},
		{"добрий день підкажіть графік цнап", NotSmallTalk},
		{"ти", NotSmallTalk},
		{"", NotSmallTalk},
		{"!!!", NotSmallTalk},
		{"як справи?", HowAreYou},
		{"Привіт! Як справи?", HowAreYou},
		{"как дела", HowAreYou},
		{"how are you?", HowAreYou},
		{"як ви?", HowAreYou},
		{"як справи з моєю заявою?", NotSmallTalk},
		{"справи", NotSmallTalk},
		{"як", NotSmallTalk},
		{"👍", Thanks},
		{"🙏🙏", Thanks},
		{"❤️", Thanks},
		{"👍🏻 👌", Thanks},
		{"👋", Greeting},
		{"👎", NotSmallTalk},
		{"😡", NotSmallTalk},
		{"👍 2", NotSmallTalk},
	}
	for _, tt := range tests {
		if got := SmallTalkOf(tt.message); got != tt.want {
			t.Errorf("SmallTalkOf(%q) = %q, want %q", tt.message, got, tt.want)
		}
	}
}

func TestSearchFlagsSmallTalkAndAnswersNothing(t *testing.T) {
	ix := mustTestIndex(t)
	res := mustSearch(t, ix, "Дякую!", SearchOptions{})
	if res.SmallTalk != Thanks || res.Verdict != NoAnswer || len(res.Hits) != 0 {
		t.Errorf("Search(Дякую!) = %+v, want thanks with no hits", res)
	}
	res = mustSearch(t, ix, "дякую, а скільки коштує закордонний паспорт?", SearchOptions{})
	if res.SmallTalk != NotSmallTalk || len(res.Hits) == 0 {
		t.Errorf("a question after thanks = %+v, want a search", res)
	}
}
